import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThanOrEqual, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { ReadStatements } from '../common/database/read-statements';
import { Transactions } from '../common/database/transactions';
import { Keyset, keysetComparison } from '../common/pagination';
import { Account, AccountPlatformAdmin } from './account.entity';

/** The accounts list's order: oldest first. */
export const OLDEST_ACCOUNTS_FIRST: Keyset<Account> = { columns: ['a."createdAt"', 'a."id"'], direction: 'ASC', of: (row) => [row.createdAt, row.id] };

/** Accounts and their platform-admin roster, in the current transaction (or outside one). */
@Injectable()
export class AccountsRepository {
  private listColumns: { select: string; booleans: string[] } | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly reads: ReadStatements,
  ) {}

  get accounts(): Repository<Account> {
    return this.transactions.manager.getRepository(Account);
  }

  get platformAdmins(): Repository<AccountPlatformAdmin> {
    return this.transactions.manager.getRepository(AccountPlatformAdmin);
  }

  /** `manager` for callers that hold one of their own (other modules' transactions, the access rules). */
  find(id: string, manager: EntityManager = this.transactions.manager): Promise<Account | null> {
    return manager.getRepository(Account).findOneBy({ id });
  }

  /** Read for update inside a transaction, so a decision on the row holds until commit. */
  findForUpdate(id: string, manager: EntityManager = this.transactions.manager): Promise<Account | null> {
    return this.transactions.inTransaction ? this.transactions.findForUpdate(manager, Account, id) : this.find(id, manager);
  }

  /** Every account, closed ones included, oldest first. */
  all(): Promise<Account[]> {
    return this.accounts.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOrFail(id: string): Promise<Account> {
    return this.accounts.findOneByOrFail({ id });
  }

  /** These accounts, with only `select`'s columns when given. `manager` for callers that hold their own. */
  findByIds(ids: string[], select?: (keyof Account)[], manager: EntityManager = this.transactions.manager): Promise<Account[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(Account).find({ where: { id: In(ids) }, ...(select ? { select: Object.fromEntries(select.map((key) => [key, true])) } : {}) });
  }

  exists(id: string): Promise<boolean> {
    return this.accounts.existsBy({ id });
  }

  /** Open accounts whose token `connectedById` issued are flagged for rotation; returns their ids. No status moves. */
  async flagForRotation(manager: EntityManager, connectedById: string, openStatuses: Account['status'][], nowIso: string): Promise<string[]> {
    const repository = manager.getRepository(Account);
    const ids = await this.idsConnectedBy(manager, connectedById, openStatuses);
    for (let i = 0; i < ids.length; i += 500) await repository.update({ id: In(ids.slice(i, i + 500)) }, { credentialRotationRequired: true, updatedAt: nowIso });
    return ids;
  }

  /** The accounts in `statuses`, by id and name. */
  named(statuses: readonly Account['status'][], manager: EntityManager = this.transactions.manager): Promise<Pick<Account, 'id' | 'name'>[]> {
    return manager.getRepository(Account).find({ where: { status: In([...statuses]) }, select: { id: true, name: true } });
  }

  /** The accounts in `statuses` holding stored credentials that expire by `at` (or have expired). */
  credentialsExpiringBy(statuses: readonly Account['status'][], at: string, manager: EntityManager = this.transactions.manager): Promise<Pick<Account, 'id' | 'name' | 'credentialsExpireAt'>[]> {
    return manager.getRepository(Account).find({
      where: { status: In([...statuses]), credentialsCiphertext: Not(IsNull()), credentialsExpireAt: LessThanOrEqual(at) },
      select: { id: true, name: true, credentialsExpireAt: true },
    });
  }

  /** Ids of the accounts in `statuses` whose token `connectedById` issued, in id order. */
  async idsConnectedBy(manager: EntityManager, connectedById: string, statuses: readonly Account['status'][]): Promise<string[]> {
    const rows = await manager.getRepository(Account).find({ where: { connectedById, status: In([...statuses]) }, select: { id: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /** Takes the person off the account's platform-admin roster; whether they were on it. */
  async removePlatformAdmin(accountId: string, staffId: string): Promise<boolean> {
    const removed = await this.platformAdmins.delete({ accountId, staffId });
    return (removed.affected ?? 0) > 0;
  }

  platformAdminAccountIds(manager: EntityManager, staffId: string): Promise<AccountPlatformAdmin[]> {
    return manager.getRepository(AccountPlatformAdmin).find({ where: { staffId }, order: { accountId: 'ASC' } });
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Accounts as `a`, with `since` (an SQL expression over `a`) and the name, narrowed by `narrow`, oldest `since` first. */
  static withSince<T>(manager: EntityManager, since: string, narrow: (query: SelectQueryBuilder<Account>) => void, ids: string[] | undefined, limit: number): Promise<T[]> {
    const query = manager.getRepository(Account).createQueryBuilder('a').select(['a.id AS id', 'a.name AS name', `${since} AS since`]);
    narrow(query);
    if (ids) query.andWhere('a.id IN (:...ids)', { ids });
    return query.orderBy('since', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getRawMany<T>();
  }

  query(alias: string): SelectQueryBuilder<Account> {
    return this.accounts.createQueryBuilder(alias);
  }

  async insert(account: Account): Promise<void> {
    await this.accounts.insert(account);
  }

  /** Saves the whole row as read (columns a read-modify-write changed, such as sealed credentials). */
  async save(account: Account): Promise<void> {
    await this.accounts.save(account);
  }

  /** Sets columns other than the status (the status moves through the write path only). */
  async updateFields(id: string, fields: Partial<Omit<Account, 'status'>>): Promise<void> {
    await this.accounts.update({ id }, fields);
  }

  /** Saves columns other than the status (the status moves through the write path only). */
  async saveFields(account: Account, fields: (keyof Account)[]): Promise<void> {
    const set = Object.fromEntries(fields.map((field) => [field, account[field]]));
    await this.accounts.update({ id: account.id }, set);
  }

  /**
   * A page of the accounts list (API.md section 6) in one prepared statement, rows built without TypeORM's
   * entity hydration (which cost more than the query): `visibleIds` null for a caller who sees every
   * account, `after` the cursor's values.
   */
  async listPage(visibleIds: string[] | null, after: (string | number)[] | null, take: number): Promise<Account[]> {
    const { select, booleans } = this.columnsOfList();
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (visibleIds) {
      conditions.push(this.reads.isAnyOf('a."id"'));
      params.push(this.reads.anyOfParam(visibleIds));
    }
    if (after) {
      conditions.push(`(${OLDEST_ACCOUNTS_FIRST.columns.join(', ')}) ${keysetComparison(OLDEST_ACCOUNTS_FIRST)} (?, ?)`);
      params.push(...after);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const order = OLDEST_ACCOUNTS_FIRST.columns.map((column) => `${column} ${OLDEST_ACCOUNTS_FIRST.direction}`).join(', ');
    const name = `gatehouse_accounts_page${visibleIds ? '_visible' : ''}${after ? '_after' : ''}`;
    const rows = await this.reads.all<Record<string, unknown>>(name, `SELECT ${select} FROM "accounts" a ${where} ORDER BY ${order} LIMIT ?`, [...params, take], this.transactions.manager);
    return rows.map((row) => {
      for (const column of booleans) row[column] = Boolean(row[column]);
      return Object.assign(new Account(), row);
    });
  }

  /** Who holds an admin role on each account's platform, in the order they were added. */
  platformAdminsOf(accountIds: string[]): Promise<Pick<AccountPlatformAdmin, 'accountId' | 'staffId'>[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    const sql = `SELECT p."accountId" AS "accountId", p."staffId" AS "staffId" FROM "account_platform_admins" p
      WHERE ${this.reads.isAnyOf('p."accountId"')} ORDER BY p."addedAt" ASC, p."staffId" ASC`;
    return this.reads.all('gatehouse_account_platform_admins', sql, [this.reads.anyOfParam(accountIds)], this.transactions.manager);
  }

  /** Every column of the entity, read from its metadata so that a column added later is listed too. */
  private columnsOfList(): { select: string; booleans: string[] } {
    if (!this.listColumns) {
      const columns = this.transactions.manager.connection.getMetadata(Account).columns;
      this.listColumns = {
        select: columns.map((column) => `a."${column.databaseName}" AS "${column.propertyName}"`).join(', '),
        booleans: columns.filter((column) => column.type === 'boolean').map((column) => column.propertyName),
      };
    }
    return this.listColumns;
  }
}
