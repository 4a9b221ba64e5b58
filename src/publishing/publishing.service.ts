import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { AuditEntry } from '../audit/audit-entry.entity';
import { WritePath } from '../common/write-path/write-path';
import { NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE, DraftAction } from '../drafts/draft-lifecycle';
import { Draft } from '../drafts/draft.entity';
import { DraftsRepository } from '../drafts/drafts.repository';
import { DraftView } from '../drafts/draft.view';
import { DraftViews } from '../drafts/draft-views';
import { CompleteTaskDto, PlatformTaskListQuery, ReconcileDto, SandboxPostsQuery } from './dto/publishing.dto';
import { HandOver } from './hand-over';
import { OutboxDispatcher } from './outbox-dispatcher';
import { PlatformTask } from './platform-task.entity';
import { PlatformTasksRepository } from './platform-tasks.repository';
import { PLATFORM_TASK_LIFECYCLE } from './platform-task-lifecycle';
import { PlatformClients } from './platforms/platform-clients';
import { PublishAttemptsRepository } from './publish-attempts.repository';
import { PlatformRefusedError, PlatformUnavailableError, TakedownUnsupportedError } from './publishing-errors';
import { SandboxPost } from './sandbox-post.entity';
import { SandboxPostsRepository } from './sandbox-posts.repository';
import { accessTokenExpiry } from '../accounts/vault/token-expiry';

export interface SandboxPostView {
  id: string;
  accountId: string;
  draftId: string;
  externalId: string;
  text: string;
  title: string | null;
  link: string | null;
  media: { mediaId: string; altText: string }[];
  publishedAt: string;
  removedAt: string | null;
}

/** What managers do to posts after approval: retry, reconcile, take down; and what sandboxes published. */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly views: DraftViews,
    private readonly dispatcher: OutboxDispatcher,
    private readonly handOver: HandOver,
    private readonly clients: PlatformClients,
    private readonly vault: CredentialVault,
    private readonly access: Access,
    private readonly drafts: DraftsRepository,
    private readonly attempts: PublishAttemptsRepository,
    private readonly platformTasks: PlatformTasksRepository,
    private readonly sandboxRows: SandboxPostsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  /** A failed post goes back to the queue as a fresh job for the same revision. */
  async retry(caller: Caller, draftId: string): Promise<DraftView> {
    const view = await this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftRetry, draftId, manager);
      const previousFailure = draft.failure;
      draft.failure = null;
      await this.move(manager, draft, 'retry', caller.staffId, { details: { previousFailure } });
      // A manager's retry goes now, whatever the schedule said.
      await this.handOver.arm(draft, { notBefore: this.clock.nowIso() });
      return this.views.one(manager, caller, draft);
    });
    this.dispatcher.kick();
    return view;
  }

  /** A manager settles an unknown outcome from what they see on the platform. */
  async reconcile(caller: Caller, draftId: string, dto: ReconcileDto): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftReconcile, draftId, manager);
      if (dto.outcome === 'published') {
        draft.publication = { externalId: dto.externalId!, url: dto.url ?? null, publishedAt: this.clock.nowIso() };
        draft.failure = null;
        await this.attempts.settleUnsettled(draft.currentRevisionId, { outcome: 'published', detail: `reconciled: ${dto.externalId}` });
        await this.move(manager, draft, 'mark_published', caller.staffId, { as: 'reconciled_published', details: { externalId: dto.externalId } });
      } else {
        draft.failure = { code: 'NOT_PUBLISHED', message: 'A manager confirmed the post did not appear on the platform.' };
        await this.attempts.settleUnsettled(draft.currentRevisionId, { outcome: 'settled', detail: 'reconciled: not published' });
        await this.move(manager, draft, 'mark_failed', caller.staffId, { as: 'reconciled_not_published' });
      }
      return this.views.one(manager, caller, draft);
    });
  }

  /**
   * Deletes a published post on the platform, and only then records `taken_down`. Where the platform has no
   * delete, a manual task is opened (and kept) and the refusal says so.
   */
  async takeDown(caller: Caller, draftId: string, reason: string): Promise<DraftView> {
    const { draft, account } = await this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftTakeDown, draftId, manager);
      return { draft, account: await this.accounts.findOrFail(draft.accountId) };
    });
    return this.removePost(caller, draft, account, reason);
  }

  /**
   * The same takedown, run for a colleague shown in the post who asked for its removal (their request is the
   * rule, decided by the caller): no manager's permission, only the draft's state. `cause` is the request's entry.
   */
  async takeDownOnRequest(requester: Caller, draftId: string, reason: string, cause?: AuditEntry): Promise<DraftView> {
    const { draft, account } = await this.transactions.run(async (manager) => {
      const draft = await this.lockDraft(draftId);
      // A colleague's request is not a manager's permission: only the draft's state decides here.
      DRAFT_LIFECYCLE.next(draft.status, 'take_down');
      return { draft, account: await this.accounts.findOrFail(draft.accountId) };
    });
    return this.removePost(requester, draft, account, reason, cause);
  }

  private async removePost(caller: Caller, draft: Draft, account: Account, reason: string, cause?: AuditEntry): Promise<DraftView> {
    const draftId = draft.id;
    const externalId = draft.publication?.externalId ?? '';
    let removal: Awaited<ReturnType<ReturnType<PlatformClients['for']>['remove']>> | { kind: 'sandbox' };
    if (account.mode === 'sandbox') {
      removal = { kind: 'sandbox' };
    } else {
      const credentials = await this.vault.open(account.id);
      removal = await this.clients
        .for(account)
        .remove({ account: { platform: account.platform, externalId: account.externalId, mode: account.mode }, credentials: { ...credentials, expiresAt: accessTokenExpiry(credentials, account) }, externalId });
    }
    if (removal.kind === 'unsupported') {
      const taskId = await this.transactions.run((manager) => this.openRemovalTask(manager, caller, draft, reason, cause));
      throw new TakedownUnsupportedError(taskId);
    }
    if (removal.kind === 'refused') throw new PlatformRefusedError(removal.message);
    if (removal.kind !== 'removed' && removal.kind !== 'not_found' && removal.kind !== 'sandbox') throw new PlatformUnavailableError(removal.message);
    return this.transactions.run(async (manager) => {
      const locked = await this.lockDraft(draftId);
      if (account.mode === 'sandbox') await this.sandboxRows.removeOf(draftId, this.clock.nowIso());
      await this.move(manager, locked, 'take_down', caller.staffId, { details: { reason, platformSaid: removal.kind }, cause });
      return this.views.one(manager, caller, locked);
    });
  }

  async sandboxPosts(caller: Caller, query: SandboxPostsQuery): Promise<Page<SandboxPostView>> {
    const manager = this.dataSource.manager;
    // 404 for an account the caller may not see, 403 for one they see but may not read the posts of.
    const account = await this.access.require<Account>(caller, Permission.AccountSandboxPostsRead, query.accountId, manager);
    const builder = this.sandboxRows.ofAccountQuery(account.id);
    const newest: Keyset<SandboxPost> = { columns: ['p.publishedAt', 'p.id'], direction: 'DESC', of: (row) => [row.publishedAt, row.id] };
    return keysetPage(builder, newest, query, (rows) => rows.map(({ revisionId: _revisionId, ...view }) => view));
  }

  async tasks(query: PlatformTaskListQuery): Promise<Page<PlatformTask>> {
    const builder = this.platformTasks.query('t');
    const status = query.status ?? 'open';
    if (status !== 'all') builder.where('t.status = :status', { status });
    const oldest: Keyset<PlatformTask> = { columns: ['t.createdAt', 't.id'], direction: 'ASC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, oldest, query, (rows) => rows);
  }

  /** Completing a removal task records that the post was deleted by hand: the draft becomes taken down. */
  async completeTask(caller: Caller, taskId: string, dto: CompleteTaskDto): Promise<PlatformTask> {
    return this.transactions.run(async (manager) => {
      const task = await this.platformTasks.findForUpdate(taskId);
      if (!task) throw new NotFoundError('task');
      if (PLATFORM_TASK_LIFECYCLE.is(task, 'done')) return task;
      const completed = await this.writePath.transition(manager, PLATFORM_TASK_LIFECYCLE, task, 'complete', {
        actorId: caller.staffId,
        set: { completedById: caller.staffId, completedAt: this.clock.nowIso(), note: dto.note },
        details: { note: dto.note, draftId: task.draftId },
      });
      if (task.draftId) {
        const draft = await this.drafts.findForUpdate(task.draftId);
        // The task's completion is this request's entry; the draft's move follows from it.
        if (draft && DRAFT_LIFECYCLE.can(draft.status, 'take_down')) await this.move(manager, draft, 'take_down', caller.staffId, { details: { manualTaskId: task.id }, cause: completed });
      }
      return task;
    });
  }

  private async openRemovalTask(manager: EntityManager, caller: Caller, draft: Draft, reason: string, cause?: AuditEntry): Promise<string> {
    const existing = await this.platformTasks.removalFor(draft.id, PLATFORM_TASK_LIFECYCLE.statesAllowing('complete'));
    if (existing) return existing.id;
    const task = this.platformTasks.build({
      id: newId(),
      accountId: draft.accountId,
      draftId: draft.id,
      kind: 'remove_post',
      status: PLATFORM_TASK_LIFECYCLE.initial,
      reason,
      createdById: caller.staffId,
      createdAt: this.clock.nowIso(),
      completedById: null,
      completedAt: null,
      note: null,
    });
    await this.platformTasks.insert(task);
    await this.writePath.created(manager, PLATFORM_TASK_LIFECYCLE, task, { actorId: caller.staffId, as: 'opened', details: { kind: task.kind, draftId: draft.id, reason }, cause });
    return task.id;
  }

  private async lockDraft(id: string): Promise<Draft> {
    const draft = await this.drafts.findForUpdate(id);
    if (!draft) throw new NotFoundError('draft');
    return draft;
  }

  /** Moves a draft the caller holds, with the columns publishing changes along with its status. */
  private async move(
    manager: EntityManager,
    draft: Draft,
    action: DraftAction,
    actorId: string,
    change: { details?: Record<string, unknown>; as?: string; cause?: AuditEntry } = {},
  ): Promise<AuditEntry> {
    return this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, action, {
      actorId,
      as: change.as,
      cause: change.cause,
      set: { failure: draft.failure, publication: draft.publication, updatedAt: this.clock.nowIso() },
      details: { revisionId: draft.currentRevisionId, ...(change.details ?? {}) },
    });
  }
}
