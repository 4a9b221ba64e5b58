import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../common/database/transactions';
import { WritePath } from '../common/write-path/write-path';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { DraftViews } from '../drafts/draft-views';
import { Draft } from '../drafts/draft.entity';
import { DraftsRepository } from '../drafts/drafts.repository';
import { DraftView } from '../drafts/draft.view';
import { RevisionMismatchError } from './approvals-errors';
import { DraftApprovalsRepository } from '../publishing/draft-approvals.repository';
import { ApprovalQueueQuery, ApproveDraftDto, RejectDraftDto, RequestChangesDto } from './dto/approval.dto';
import { OutboxDispatcher } from '../publishing/outbox-dispatcher';
import { HandOver } from '../publishing/hand-over';

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
    private readonly writePath: WritePath,
    private readonly access: Access,
    private readonly dispatcher: OutboxDispatcher,
    private readonly handOver: HandOver,
    private readonly drafts: DraftsRepository,
    private readonly approvals: DraftApprovalsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  async approve(caller: Caller, id: string, dto: ApproveDraftDto): Promise<DraftView> {
    const requestedSchedule = dto.scheduledFor === undefined ? undefined : new Date(dto.scheduledFor).toISOString();
    if (requestedSchedule !== undefined && requestedSchedule <= this.clock.nowIso()) {
      throw new ValidationFailedError('scheduledFor must be in the future.', [{ field: 'scheduledFor', problems: ['is not in the future'] }]);
    }
    const revisionId = dto.revisionId.toLowerCase();
    return this.afterHandOver(this.transactions.run(async (manager) => {
      // The rule: not one's own, not approved by the caller already, submitted, publishable, consent given, checks pass (run afresh).
      const draft = await this.access.require<Draft>(caller, Permission.DraftApprove, id, manager);
      if (revisionId !== draft.currentRevisionId) throw new RevisionMismatchError(draft.currentRevisionId);
      const now = this.clock.nowIso();
      await this.approvals.insert({ id: newId(), draftId: draft.id, revisionId, managerId: caller.staffId, approvedAt: now, voidedAt: null });
      const scheduledFor = requestedSchedule ?? draft.scheduledFor;
      const given = await this.approvals.countStanding(draft.id, revisionId);
      const { requiredApprovals } = await this.accounts.findOrFail(draft.accountId);
      const action = given < requiredApprovals ? 'approve_partly' : this.isFuture(scheduledFor) ? 'approve_scheduled' : 'approve_now';
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, action, {
        actorId: caller.staffId,
        set: { scheduledFor, updatedAt: now },
        details: { revisionId, approvals: given, requiredApprovals, scheduledFor },
      });
      if (action !== 'approve_partly') await this.handOver.arm(draft);
      return this.views.one(manager, caller, draft);
    }));
  }

  async requestChanges(caller: Caller, id: string, dto: RequestChangesDto): Promise<DraftView> {
    return this.decide(id, caller, 'request_changes', { comment: dto.comment });
  }

  /** Final: the draft cannot be edited or submitted again. */
  async reject(caller: Caller, id: string, dto: RejectDraftDto): Promise<DraftView> {
    return this.decide(id, caller, 'reject', { reason: dto.reason });
  }

  /** A held draft goes back on its way: scheduled if its time is still ahead, otherwise publishing now. */
  async confirm(caller: Caller, id: string): Promise<DraftView> {
    return this.afterHandOver(this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftConfirm, id, manager);
      const action = this.isFuture(draft.scheduledFor) ? 'confirm_scheduled' : 'confirm_now';
      const heldFor = draft.failure;
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, action, {
        actorId: caller.staffId,
        set: { failure: null, updatedAt: this.clock.nowIso() },
        details: { revisionId: draft.currentRevisionId, heldFor },
      });
      await this.handOver.arm(draft);
      return this.views.one(manager, caller, draft);
    }));
  }

  /** Drafts waiting for approval (submitted), oldest first, over the (status, submittedAt, id) index. */
  async queue(caller: Caller, query: ApprovalQueueQuery): Promise<Page<QueueItemView>> {
    const manager = this.dataSource.manager;
    const builder = this.drafts.inStatesQuery(DRAFT_LIFECYCLE.statesAllowing('approve_now'), query.accountId);
    const oldestFirst: Keyset<Draft> = { columns: ['d.submittedAt', 'd.id'], direction: 'ASC', of: (row) => [row.submittedAt!, row.id] };
    return keysetPage(builder, oldestFirst, query, async (rows) => {
      const views = new Map((await this.views.many(manager, caller, rows)).map((view) => [view.id, view]));
      return rows.map((row) => ({ ...views.get(row.id)!, waitingSince: row.submittedAt! }));
    });
  }

  /** History and audit name these `changes_requested` and `rejected`, the lifecycle's happened names. */
  private async decide(id: string, caller: Caller, action: 'request_changes' | 'reject', details: Record<string, unknown>): Promise<DraftView> {
    const permission = action === 'reject' ? Permission.DraftReject : Permission.DraftRequestChanges;
    return this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, permission, id, manager);
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, action, {
        actorId: caller.staffId,
        set: { updatedAt: this.clock.nowIso() },
        details: { revisionId: draft.currentRevisionId, ...details },
      });
      return this.views.one(manager, caller, draft);
    });
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
