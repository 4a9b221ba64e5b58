import { Injectable } from '@nestjs/common';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { ReadStatements } from '../common/database/read-statements';
import { Transactions } from '../common/database/transactions';
import { Account } from '../accounts/account.entity';
import { DPIA_IN_FORCE_STATE, DPIA_LIFECYCLE } from './dpia-lifecycle';
import { Dpia } from './dpia.entity';

/** DPIA versions, in the current transaction (or outside one). */
@Injectable()
export class DpiaRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly reads: ReadStatements,
  ) {}

  private get dpias(): Repository<Dpia> {
    return this.transactions.manager.getRepository(Dpia);
  }

  create(fields: Partial<Dpia>): Dpia {
    return this.dpias.create(fields);
  }

  async insert(dpia: Dpia): Promise<void> {
    await this.dpias.insert(dpia);
  }

  /** Saves columns other than the status (the status moves through the write path only). */
  async saveFields(dpia: Dpia, fields: (keyof Dpia)[]): Promise<void> {
    await this.dpias.save(Object.assign(this.dpias.create({ id: dpia.id }), Object.fromEntries(fields.map((field) => [field, dpia[field]]))));
  }

  newest(accountId: string, manager: EntityManager = this.transactions.manager): Promise<Dpia | null> {
    return manager.getRepository(Dpia).findOne({ where: { accountId }, order: { version: 'DESC' } });
  }

  newestApproved(accountId: string, manager: EntityManager = this.transactions.manager): Promise<Dpia | null> {
    return manager.getRepository(Dpia).findOne({ where: { accountId, status: DPIA_IN_FORCE_STATE }, order: { version: 'DESC' } });
  }

  /** The approved versions of these accounts, newest version first. */
  approvedOf(accountIds: string[]): Promise<Dpia[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.dpias.find({ where: { accountId: In(accountIds), status: DPIA_IN_FORCE_STATE }, order: { version: 'DESC' } });
  }

  /** Every version's status and review date for these accounts, oldest version first. */
  statusesOf(accountIds: string[], manager = this.transactions.manager): Promise<Pick<Dpia, 'id' | 'accountId' | 'version' | 'status' | 'reviewDueAt'>[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    // A prepared statement: every view of an account asks it (the accounts list for its whole page).
    const sql = `SELECT d."id" AS "id", d."accountId" AS "accountId", d."version" AS "version", d."status" AS "status", d."reviewDueAt" AS "reviewDueAt"
      FROM "dpias" d WHERE ${this.reads.isAnyOf('d."accountId"')} ORDER BY d."version" ASC`;
    return this.reads.all('gatehouse_dpia_statuses', sql, [this.reads.anyOfParam(accountIds)], manager);
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Versions waiting for sign-off as `p`, joined to their account as `a`, for the caller to select from and narrow. */
  static awaitingSignOffWithAccount(manager: EntityManager): SelectQueryBuilder<Dpia> {
    return manager
      .getRepository(Dpia)
      .createQueryBuilder('p')
      .innerJoin(Account, 'a', 'a.id = p.accountId')
      .where('p.status IN (:...awaiting)', { awaiting: DPIA_LIFECYCLE.statesAllowing('approve') });
  }

  /** Ids of each account's `limit` newest versions, in one query for all the accounts. */
  static async newestIdsOfEach(manager: EntityManager, accountIds: string[], limit: number): Promise<string[]> {
    const rows = await manager.getRepository(Dpia).find({ where: { accountId: In(accountIds) }, select: { id: true, accountId: true }, order: { version: 'DESC' } });
    const newest = new Map<string, string[]>();
    for (const row of rows) {
      const ids = newest.get(row.accountId) ?? [];
      if (ids.length < limit) newest.set(row.accountId, [...ids, row.id]);
    }
    return [...newest.values()].flat();
  }

  versionsOf(accountId: string): SelectQueryBuilder<Dpia> {
    return this.dpias.createQueryBuilder('d').where('d.accountId = :accountId', { accountId });
  }
}

