import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, LessThanOrEqual, Repository, SelectQueryBuilder } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Transactions } from '../common/database/transactions';
import { DraftEvent } from './draft-event.entity';
import type { DraftStatus } from './draft-lifecycle';
import { DraftRevision } from './draft-revision.entity';
import { Draft } from './draft.entity';

/** Drafts, their revisions and their history, read and written in the current transaction (or outside one). */
@Injectable()
export class DraftsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get drafts(): Repository<Draft> {
    return this.manager.getRepository(Draft);
  }

  private get revisions(): Repository<DraftRevision> {
    return this.manager.getRepository(DraftRevision);
  }

  build(fields: DeepPartial<Draft>): Draft {
    return this.drafts.create(fields);
  }

  async insert(draft: Draft): Promise<void> {
    await this.drafts.insert(draft);
  }

  /** Held against concurrent changes until the transaction ends: the row lock orders every move of the draft. */
  findForUpdate(id: string): Promise<Draft | null> {
    return this.transactions.findForUpdate(this.manager, Draft, id);
  }

  /** Whom these drafts' news goes to, and of which account. `manager` for callers that hold their own. */
  whoseNewsIn(ids: string[], manager: EntityManager = this.manager): Promise<Pick<Draft, 'id' | 'authorId' | 'accountId'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(Draft).find({ where: { id: In(ids) }, select: { id: true, authorId: true, accountId: true } });
  }

  query(alias: string): SelectQueryBuilder<Draft> {
    return this.drafts.createQueryBuilder(alias);
  }

  /** Drafts in `statuses`, optionally of one account: `d` over the (status, submittedAt, id) index. */
  inStatesQuery(statuses: readonly DraftStatus[], accountId?: string): SelectQueryBuilder<Draft> {
    const builder = this.query('d').where('d.status IN (:...statuses)', { statuses: [...statuses] });
    if (accountId) builder.andWhere('d.accountId = :accountId', { accountId });
    return builder;
  }

  /** Every draft in `statuses`, with what finds its current revision. */
  currentRevisionsIn(statuses: readonly DraftStatus[]): Promise<Pick<Draft, 'id' | 'currentRevisionId'>[]> {
    return this.drafts.find({ where: { status: In([...statuses]) }, select: { id: true, currentRevisionId: true } });
  }

  /** Drafts in `statuses` submitted by `cutoff`, longest waiting first, at most `limit`. */
  submittedBy(statuses: readonly DraftStatus[], cutoff: string, limit: number, manager: EntityManager = this.manager): Promise<Pick<Draft, 'id' | 'accountId' | 'submittedAt'>[]> {
    return manager.getRepository(Draft).find({
      where: { status: In([...statuses]), submittedAt: LessThanOrEqual(cutoff) },
      select: { id: true, accountId: true, submittedAt: true },
      order: { submittedAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** Ids of the account's drafts in `statuses`, in id order. */
  async idsOfAccountIn(accountId: string, statuses: readonly DraftStatus[]): Promise<string[]> {
    const rows = await this.drafts.find({ where: { accountId, status: In([...statuses]) }, select: { id: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /**
   * The account's drafts in `statuses` with what a set-based move needs, in id order, held (on PostgreSQL)
   * until the transaction ends.
   */
  ofAccountInForUpdate(accountId: string, statuses: readonly DraftStatus[]): Promise<Draft[]> {
    const select = this.query('d')
      .select(['d.id', 'd.status', 'd.lastEventSeq', 'd.currentRevisionId'])
      .where('d.accountId = :accountId AND d.status IN (:...statuses)', { accountId, statuses: [...statuses] })
      .orderBy('d.id', 'ASC');
    if (this.transactions.isPostgres) select.setLock('pessimistic_write');
    return select.getMany();
  }

  /**
   * The drafts `ownerId` owns in `statuses`, in id order; with `lock`, held (on PostgreSQL) until the transaction
   * ends. `manager` for callers that hold their own.
   */
  ownedIn(ownerId: string, statuses: readonly DraftStatus[], lock: boolean, manager: EntityManager = this.manager): Promise<Draft[]> {
    const query = manager
      .getRepository(Draft)
      .createQueryBuilder('d')
      .where('d.ownerId = :leaverId AND d.status IN (:...statuses)', { leaverId: ownerId, statuses: [...statuses] })
      .orderBy('d.id', 'ASC');
    if (lock && manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** Every media id some revision of the draft attached: what the draft's readers may download and its owner may keep. */
  async mediaIdsOn(draftId: string, manager: EntityManager = this.manager): Promise<Set<string>> {
    const revisions = await manager.getRepository(DraftRevision).find({ where: { draftId }, select: { id: true, media: true } });
    return new Set(revisions.flatMap((revision) => revision.media.map((item) => item.mediaId)));
  }

  buildRevision(fields: DeepPartial<DraftRevision>): DraftRevision {
    return this.revisions.create(fields);
  }

  async insertRevision(revision: DraftRevision): Promise<void> {
    await this.revisions.insert(revision);
  }

  revision(id: string): Promise<DraftRevision> {
    return this.revisions.findOneByOrFail({ id });
  }

  revisionsByIds(ids: string[]): Promise<DraftRevision[]> {
    return this.revisions.findBy({ id: In(ids) });
  }

  /**
   * The history writer's statements. The draft lifecycle is built at module load, outside injection, and writes
   * with the manager the write path hands it: these take that manager.
   */
  static async bumpEventSeqs(manager: EntityManager, ids: string[]): Promise<void> {
    await manager
      .getRepository(Draft)
      .createQueryBuilder()
      .update()
      .set({ lastEventSeq: () => '"lastEventSeq" + 1' })
      .where({ id: In(ids) })
      .execute();
  }

  static buildEvent(manager: EntityManager, fields: DeepPartial<DraftEvent>): DraftEvent {
    return manager.getRepository(DraftEvent).create(fields);
  }

  static async insertEvents(manager: EntityManager, events: DraftEvent[]): Promise<void> {
    await manager.getRepository(DraftEvent).insert(events);
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Drafts as `d` in `statuses`, joined to their account as `a`, for the caller to select from and narrow. */
  static withAccountIn(manager: EntityManager, statuses: readonly DraftStatus[]): SelectQueryBuilder<Draft> {
    return manager
      .getRepository(Draft)
      .createQueryBuilder('d')
      .innerJoin(Account, 'a', 'a.id = d.accountId')
      .where('d.status IN (:...statuses)', { statuses });
  }

  /** The draft's history, `e` in sequence. */
  historyQuery(draftId: string): SelectQueryBuilder<DraftEvent> {
    return this.manager.getRepository(DraftEvent).createQueryBuilder('e').where('e.draftId = :id', { id: draftId });
  }
}
