import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { Account } from '../accounts/account.entity';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { ConsentService } from '../consent/consent.service';
import { Transactions } from '../database/transactions';
import { blocks } from '../content-checks/finding';
import { DraftChecks } from '../drafts/draft-checks';
import { DraftHistory } from '../drafts/draft-history';
import { DraftRevision } from '../drafts/draft-revision.entity';
import { ContentCheckFailedError } from '../drafts/drafts-errors';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { DraftViews } from '../drafts/draft-views';
import { Draft } from '../drafts/draft.entity';
import { DraftView } from '../drafts/draft.view';
import { AccountNotPublishableError, AlreadyApprovedError, ConsentOutstandingError, RevisionMismatchError, SelfApprovalForbiddenError } from './approvals-errors';
import { DraftApproval } from '../publishing/draft-approval.entity';
import { ApprovalQueueQuery, ApproveDraftDto, RejectDraftDto, RequestChangesDto } from './dto/approval.dto';
import { OutboxDispatcher } from '../publishing/outbox-dispatcher';
import { PublishOutbox } from '../publishing/publish-outbox.entity';

export type QueueItemView = DraftView & { waitingSince: string };

/**
 * The manager's side of a draft. Each decision locks the draft row first, so concurrent approvals
 * are counted one after the other and the hand-over to publishing happens exactly once.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly views: DraftViews,
    private readonly history: DraftHistory,
    private readonly consent: ConsentService,
    private readonly accounts: AccountsService,
    private readonly checks: DraftChecks,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async approve(caller: Caller, id: string, dto: ApproveDraftDto): Promise<DraftView> {
    const requestedSchedule = dto.scheduledFor === undefined ? undefined : new Date(dto.scheduledFor).toISOString();
    if (requestedSchedule !== undefined && requestedSchedule <= this.clock.nowIso()) {
      throw new ValidationFailedError('scheduledFor must be in the future.', [{ field: 'scheduledFor', problems: ['is not in the future'] }]);
    }
    const revisionId = dto.revisionId.toLowerCase();
    return this.afterHandOver(this.transactions.run(async (manager) => {
      const draft = await this.lockDraft(manager, id);
      this.requireSomeoneElse(caller, draft);
      const approvals = manager.getRepository(DraftApproval);
      if (await approvals.existsBy({ draftId: draft.id, revisionId, managerId: caller.staffId, voidedAt: IsNull() })) throw new AlreadyApprovedError();
      if (revisionId !== draft.currentRevisionId) throw new RevisionMismatchError(draft.currentRevisionId);
      const from = draft.status;
      DRAFT_LIFECYCLE.next(from, 'approve_now'); // INVALID_STATE unless submitted
      await this.requirePublishable(manager, draft);
      await this.requireChecksPass(manager, draft);

      const now = this.clock.nowIso();
      await approvals.insert({ id: newId(), draftId: draft.id, revisionId, managerId: caller.staffId, approvedAt: now, voidedAt: null });
      if (requestedSchedule !== undefined) draft.scheduledFor = requestedSchedule;
      const given = await approvals.countBy({ draftId: draft.id, revisionId, voidedAt: IsNull() });
      const { requiredApprovals } = await manager.getRepository(Account).findOneByOrFail({ id: draft.accountId });
      if (given >= requiredApprovals) {
        draft.status = DRAFT_LIFECYCLE.next(from, this.isFuture(draft.scheduledFor) ? 'approve_scheduled' : 'approve_now');
        await this.handOver(manager, draft);
      }
      draft.updatedAt = now;
      await manager.getRepository(Draft).save(draft);
      await this.history.record(manager, draft, {
        actorId: caller.staffId,
        action: 'approved',
        from,
        revisionId,
        details: { approvals: given, requiredApprovals, scheduledFor: draft.scheduledFor },
      });
      return this.views.one(manager, draft);
    }));
  }

  async requestChanges(caller: Caller, id: string, dto: RequestChangesDto): Promise<DraftView> {
    return this.decide(id, caller, 'request_changes', 'changes_requested', { comment: dto.comment });
  }

  /** Final: the draft cannot be edited or submitted again. */
  async reject(caller: Caller, id: string, dto: RejectDraftDto): Promise<DraftView> {
    return this.decide(id, caller, 'reject', 'rejected', { reason: dto.reason });
  }

  /** A held draft goes back on its way: scheduled if its time is still ahead, otherwise publishing now. */
  async confirm(caller: Caller, id: string): Promise<DraftView> {
    return this.afterHandOver(this.transactions.run(async (manager) => {
      const draft = await this.lockDraft(manager, id);
      this.requireSomeoneElse(caller, draft);
      const from = draft.status;
      draft.status = DRAFT_LIFECYCLE.next(from, this.isFuture(draft.scheduledFor) ? 'confirm_scheduled' : 'confirm_now');
      await this.requirePublishable(manager, draft);
      const heldFor = draft.failure;
      draft.failure = null;
      draft.updatedAt = this.clock.nowIso();
      await this.handOver(manager, draft);
      await manager.getRepository(Draft).save(draft);
      await this.history.record(manager, draft, { actorId: caller.staffId, action: 'confirmed', from, details: { heldFor } });
      return this.views.one(manager, draft);
    }));
  }

  /** Submitted drafts, oldest first, over the (status, submittedAt, id) index. */
  async queue(query: ApprovalQueueQuery): Promise<Page<QueueItemView>> {
    const manager = this.dataSource.manager;
    const builder = manager.getRepository(Draft).createQueryBuilder('d').where('d.status = :status', { status: 'submitted' });
    if (query.accountId) builder.andWhere('d.accountId = :accountId', { accountId: query.accountId });
    const oldestFirst: Keyset<Draft> = { columns: ['d.submittedAt', 'd.id'], direction: 'ASC', of: (row) => [row.submittedAt!, row.id] };
    return keysetPage(builder, oldestFirst, query, async (rows) => {
      const views = new Map((await this.views.many(manager, rows)).map((view) => [view.id, view]));
      return rows.map((row) => ({ ...views.get(row.id)!, waitingSince: row.submittedAt! }));
    });
  }

  private async decide(id: string, caller: Caller, action: 'request_changes' | 'reject', event: string, details: Record<string, unknown>): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      const draft = await this.lockDraft(manager, id);
      const from = draft.status;
      draft.status = DRAFT_LIFECYCLE.next(from, action);
      draft.updatedAt = this.clock.nowIso();
      await manager.getRepository(Draft).save(draft);
      await this.history.record(manager, draft, { actorId: caller.staffId, action: event, from, details });
      return this.views.one(manager, draft);
    });
  }

  /** Managers see every draft, so a missing draft is the only 404. */
  private async lockDraft(manager: EntityManager, id: string): Promise<Draft> {
    const draft = await this.transactions.findForUpdate(manager, Draft, id);
    if (!draft) throw new NotFoundError('draft');
    return draft;
  }

  /** Four eyes: whoever wrote or owns the draft cannot be the one who lets it out. */
  private requireSomeoneElse(caller: Caller, draft: Draft): void {
    if (caller.staffId === draft.authorId || caller.staffId === draft.ownerId) throw new SelfApprovalForbiddenError();
  }

  private async requirePublishable(manager: EntityManager, draft: Draft): Promise<void> {
    if (!(await this.accounts.isPublishable(manager, draft.accountId))) throw new AccountNotPublishableError();
    const consent = (await this.consent.stateOf(manager, [draft.id])).get(draft.id)!;
    if (consent.pending > 0 || consent.refused > 0) throw new ConsentOutstandingError(consent);
  }

  /** The checks run again: word lists may have changed since the draft was submitted. */
  private async requireChecksPass(manager: EntityManager, draft: Draft): Promise<void> {
    const revision = await manager.getRepository(DraftRevision).findOneByOrFail({ id: draft.currentRevisionId });
    const { platform } = await manager.getRepository(Account).findOneByOrFail({ id: draft.accountId });
    const findings = await this.checks.check(manager, platform, revision);
    if (blocks(findings)) throw new ContentCheckFailedError(findings);
  }

  /** Records the hand-over to publishing in this transaction; one row per revision, re-armed on confirm. */
  private async handOver(manager: EntityManager, draft: Draft): Promise<void> {
    const now = this.clock.nowIso();
    const notBefore = this.isFuture(draft.scheduledFor) ? draft.scheduledFor! : now;
    const outbox = manager.getRepository(PublishOutbox);
    const existing = await outbox.findOneBy({ revisionId: draft.currentRevisionId });
    if (existing) {
      // A new attempt number makes a new job id: the previous job may still sit in Redis as completed.
      await outbox.update({ id: existing.id }, { notBefore, dispatchedAt: null, attempts: existing.attempts + 1 });
      return;
    }
    await outbox.insert({ id: newId(), draftId: draft.id, revisionId: draft.currentRevisionId, accountId: draft.accountId, notBefore, createdAt: now, dispatchedAt: null, attempts: 0 });
  }

  /** Once the hand-over has committed, queue it at once rather than at the dispatcher's next poll. */
  private async afterHandOver(work: Promise<DraftView>): Promise<DraftView> {
    const view = await work;
    this.dispatcher.kick();
    return view;
  }

  private isFuture(instant: string | null): boolean {
    return instant !== null && instant > this.clock.nowIso();
  }
}
