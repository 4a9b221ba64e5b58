import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../auth/caller';
import { Access } from '../common/access/access.service';
import { Account } from './account.entity';
import { seesAllAccounts } from './account-rules';

/** For modules that only ask who sees an account (publishing); the rules themselves are AccountRules, through Access. */
@Injectable()
export class AccountAccess {
  constructor(private readonly access: Access) {}

  seesAll(caller: Caller): boolean {
    return seesAllAccounts(caller);
  }

  /** The account, or 404 when it does not exist or the caller may not see it (never 403: that would confirm it exists). */
  requireVisible(caller: Caller, accountId: string, manager?: EntityManager): Promise<Account> {
    return this.access.requireVisible<Account>(caller, 'account', accountId, manager);
  }
}
