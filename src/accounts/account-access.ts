import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, hasRole } from '../auth/caller';
import { NotFoundError } from '../common/errors/generic-errors';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Account } from './account.entity';

/** Who may see an account: managers, admins and the DPO see all; other staff only those they are authorised on now. */
@Injectable()
export class AccountAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorisations: AuthorisationsService,
  ) {}

  seesAll(caller: Caller): boolean {
    return hasRole(caller, 'admin', 'manager', 'dpo');
  }

  /** The account, or 404 when it does not exist or the caller may not see it (never 403: that would confirm it exists). */
  async requireVisible(caller: Caller, accountId: string, manager: EntityManager = this.dataSource.manager): Promise<Account> {
    const account = await this.requireExisting(manager, accountId);
    if (this.seesAll(caller) || (await this.authorisations.isAuthorised(manager, accountId, caller.staffId))) return account;
    throw new NotFoundError('account');
  }

  async requireExisting(manager: EntityManager, accountId: string): Promise<Account> {
    const account = await manager.getRepository(Account).findOneBy({ id: accountId });
    if (!account) throw new NotFoundError('account');
    return account;
  }
}
