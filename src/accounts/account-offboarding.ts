import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { OPEN_ACCOUNT_STATUSES } from './account-lifecycle';
import { AccountsRepository } from './accounts.repository';

/** What a leaver means for accounts, as set-based statements in the offboarding transaction. */
@Injectable()
export class AccountOffboarding {
  constructor(
    private readonly clock: Clock,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Flags every open account whose token the leaver's platform identity issued; returns their ids. */
  requireCredentialRotation(manager: EntityManager, connectedById: string): Promise<string[]> {
    return this.accounts.flagForRotation(manager, connectedById, OPEN_ACCOUNT_STATUSES, this.clock.nowIso());
  }

  /** Accounts on which the staff member holds an admin role on the platform itself. */
  async platformAdminAccountIds(manager: EntityManager, staffId: string): Promise<string[]> {
    return (await this.accounts.platformAdminAccountIds(manager, staffId)).map((row) => row.accountId);
  }
}
