import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, IsNull, MoreThan, Or, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Notification } from '../tasks/notifications/notification.entity';
import { Authorisation } from './authorisation.entity';

/** Not revoked and not past its expiry: the same rule as Authorisation.isActiveAt, for queries (alias `a`). */
export const ACTIVE_CONDITION = 'a.revokedAt IS NULL AND (a.expiresAt IS NULL OR a.expiresAt > :now)';

/** ACTIVE_CONDITION as a find condition, within `scope`. */
const activeWhere = <S extends object>(scope: S, nowIso: string) => ({ ...scope, revokedAt: IsNull(), expiresAt: Or(IsNull(), MoreThan(nowIso)) });

/**
 * Grants, in the current transaction (or outside one). `manager` is for callers that hold one of their own
 * (other modules' transactions, the access rules). "Active" means in effect at `nowIso`: neither revoked nor expired.
 */
@Injectable()
export class AuthorisationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private rows(manager: EntityManager = this.transactions.manager): Repository<Authorisation> {
    return manager.getRepository(Authorisation);
  }

  build(fields: DeepPartial<Authorisation>): Authorisation {
    return this.rows().create(fields);
  }

  async insert(row: Authorisation): Promise<void> {
    await this.rows().insert(row);
  }

  async save(row: Authorisation): Promise<void> {
    await this.rows().save(row);
  }

  /** Held against concurrent changes until the transaction ends. */
  findForUpdate(id: string): Promise<Authorisation | null> {
    return this.transactions.findForUpdate(this.transactions.manager, Authorisation, id);
  }

  /** The staff member's grant on the account in effect at `nowIso`, if any. */
  findActive(accountId: string, staffId: string, nowIso: string, manager?: EntityManager): Promise<Authorisation | null> {
    return this.active(nowIso, manager).andWhere('a.accountId = :accountId AND a.staffId = :staffId', { accountId, staffId }).getOne();
  }

  async isActive(accountId: string, staffId: string, nowIso: string, manager?: EntityManager): Promise<boolean> {
    return (await this.findActive(accountId, staffId, nowIso, manager)) !== null;
  }

  /** Ids of the person's grants in effect at `nowIso`, in id order. */
  async activeIdsOf(staffId: string, nowIso: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.rows(manager).find({ where: activeWhere({ staffId }, nowIso), select: { id: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /** Grants past their expiry (not revoked) with no `authorisation-expired` notice yet, soonest expiry first. */
  expiredUnnoticed(nowIso: string, limit: number, manager?: EntityManager): Promise<Authorisation[]> {
    return this.rows(manager)
      .createQueryBuilder('a')
      .leftJoin(Notification, 'n', "n.dedupeKey = 'authorisation-expired:' || a.id")
      .where('a.revokedAt IS NULL AND a.expiresAt IS NOT NULL AND a.expiresAt <= :now AND n.id IS NULL', { now: nowIso })
      .orderBy('a.expiresAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit)
      .getMany();
  }

  async activeAccountIdsOf(staffId: string, nowIso: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.active(nowIso, manager).andWhere('a.staffId = :staffId', { staffId }).select('a.accountId', 'accountId').distinct(true).getRawMany<{ accountId: string }>();
    return rows.map((row) => row.accountId);
  }

  /** The active grants on an account, read for update on PostgreSQL. */
  async activeIdsForAccountForUpdate(accountId: string, nowIso: string, manager?: EntityManager): Promise<string[]> {
    const select = this.rows(manager).createQueryBuilder('a').select('a.id').where(ACTIVE_CONDITION, { now: nowIso }).andWhere('a.accountId = :accountId', { accountId }).orderBy('a.id', 'ASC');
    if (this.transactions.isPostgres) select.setLock('pessimistic_write');
    return (await select.getMany()).map((row) => row.id);
  }

  /** How many people hold an active grant, per account that has any. */
  async activeStaffCountByAccount(nowIso: string): Promise<Map<string, number>> {
    const rows = await this.rows()
      .createQueryBuilder('a')
      .select('a.accountId', 'accountId')
      .addSelect('COUNT(DISTINCT a.staffId)', 'staff')
      .where(ACTIVE_CONDITION, { now: nowIso })
      .groupBy('a.accountId')
      .getRawMany<{ accountId: string; staff: string | number }>();
    return new Map(rows.map((row) => [row.accountId, Number(row.staff)]));
  }

  /** Revokes the active grants in `scope` in one statement; returns their ids. */
  async revokeActive(scope: { staffId: string } | { accountId: string }, nowIso: string, revokedById: string | null, revokeReason: string, manager?: EntityManager): Promise<string[]> {
    const where = activeWhere(scope, nowIso);
    const repository = this.rows(manager);
    const ids = (await repository.find({ where, select: { id: true }, order: { id: 'ASC' } })).map((row) => row.id);
    if (ids.length > 0) await repository.update(where, { revokedAt: nowIso, revokedById, revokeReason });
    return ids;
  }

  /** Every grant of the account (`active`: only those in effect at `nowIso`, or only those not), for paging. */
  ofAccount(accountId: string, active: boolean | undefined, nowIso: string): SelectQueryBuilder<Authorisation> {
    const builder = this.rows().createQueryBuilder('a').where('a.accountId = :accountId', { accountId });
    if (active === true) builder.andWhere(ACTIVE_CONDITION, { now: nowIso });
    if (active === false) builder.andWhere(`NOT (${ACTIVE_CONDITION})`, { now: nowIso });
    return builder;
  }

  /** Every grant the staff member holds or held, for paging. */
  ofStaff(staffId: string): SelectQueryBuilder<Authorisation> {
    return this.rows().createQueryBuilder('a').where('a.staffId = :staffId', { staffId });
  }

  private active(nowIso: string, manager?: EntityManager): SelectQueryBuilder<Authorisation> {
    return this.rows(manager).createQueryBuilder('a').where(ACTIVE_CONDITION, { now: nowIso });
  }
}
