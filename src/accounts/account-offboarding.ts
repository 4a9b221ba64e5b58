import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { OPEN_ACCOUNT_STATUSES } from './account-lifecycle';
import { Account, AccountPlatformAdmin } from './account.entity';

/** What a leaver means for accounts, as set-based statements in the offboarding transaction. */
@Injectable()
export class AccountOffboarding {
  constructor(private readonly clock: Clock) {}

  /** Flags every open account whose token the leaver's platform identity issued; returns their ids. No status moves. */
  async requireCredentialRotation(manager: EntityManager, connectedById: string): Promise<string[]> {
    const repository = manager.getRepository(Account);
    const where = { connectedById, status: In(OPEN_ACCOUNT_STATUSES) };
    const ids = (await repository.find({ where, select: { id: true }, order: { id: 'ASC' } })).map((row) => row.id);
    if (ids.length > 0) await repository.update({ id: In(ids) }, { credentialRotationRequired: true, updatedAt: this.clock.nowIso() });
    return ids;
  }

  /** Accounts on which the staff member holds an admin role on the platform itself. */
  async platformAdminAccountIds(manager: EntityManager, staffId: string): Promise<string[]> {
    const rows = await manager.getRepository(AccountPlatformAdmin).find({ where: { staffId }, order: { accountId: 'ASC' } });
    return rows.map((row) => row.accountId);
  }
}
