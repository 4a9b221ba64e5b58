import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccountClosingEvent, AccountClosingHook, AccountClosingHooks } from '../accounts/account-closing-hooks';
import { AccountsRepository } from '../accounts/accounts.repository';
import { DraftApprovalsRepository } from '../publishing/draft-approvals.repository';
import { HandOver } from '../publishing/hand-over';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { ConsentService } from '../consent/consent.service';
import { Transactions } from '../common/database/transactions';
import { PolicyService } from '../policy/policy.service';
import { StaffRepository } from '../staff/staff.repository';
import { contentHash, DraftContent } from './content-hash';
import { DraftChecks } from './draft-checks';
import { seesAllDrafts, visibleDraftsWhere } from './draft-rules';
import { DRAFT_LIFECYCLE } from './draft-lifecycle';
import { WritePath } from '../common/write-path/write-path';
import { AuditEntry } from '../audit/audit-entry.entity';
import { DraftMedia } from './draft-media';
import { DraftMediaUsable } from './draft-media-usable';
import { DraftRevision } from './draft-revision.entity';
import { DraftViews } from './draft-views';
import { Draft } from './draft.entity';
import { DraftsRepository } from './drafts.repository';
import { DraftEventView, DraftView, toDraftEventView } from './draft.view';
import { NotAuthorisedForAccountError } from './drafts-errors';
import { CreateDraftDto, DraftHistoryQuery, DraftListQuery, DraftMediaDto, UpdateDraftDto } from './dto/draft.dto';

const NEWEST_DRAFTS_FIRST: Keyset<Draft> = { columns: ['d.createdAt', 'd.id'], direction: 'DESC', of: (row) => [row.createdAt, row.id] };

@Injectable()
export class DraftsService implements OnModuleInit, AccountClosingHook {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly access: Access,
    private readonly views: DraftViews,
    private readonly checks: DraftChecks,
    private readonly consent: ConsentService,
    private readonly mediaUsable: DraftMediaUsable,
    private readonly authorisations: AuthorisationsService,
    private readonly policy: PolicyService,
    private readonly closingHooks: AccountClosingHooks,
    private readonly writePath: WritePath,
    private readonly handOver: HandOver,
    private readonly drafts: DraftsRepository,
    private readonly approvals: DraftApprovalsRepository,
    private readonly accounts: AccountsRepository,
    private readonly staff: StaffRepository,
  ) {}

  onModuleInit(): void {
    this.closingHooks.register(this);
  }

  async create(caller: Caller, dto: CreateDraftDto): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      await this.requireMayPost(manager, dto.accountId, caller.staffId);
      const account = await this.accounts.findOrFail(dto.accountId);
      const scheduledFor = this.futureInstant(dto.scheduledFor ?? null);
      const content: DraftContent = { text: dto.text, title: dto.title ?? null, link: dto.link ?? null, media: this.toMedia(dto.media ?? []) };
      await this.requireKnownReferences(manager, content.media, caller.staffId, null);
      const now = this.clock.nowIso();
      const draft = this.drafts.build({
        id: newId(),
        accountId: account.id,
        authorId: caller.staffId,
        ownerId: caller.staffId,
        status: DRAFT_LIFECYCLE.initial,
        currentRevisionId: newId(),
        findings: await this.checks.check(manager, account.platform, content),
        scheduledFor,
        submittedAt: null,
        publication: null,
        failure: null,
        lastEventSeq: 0,
        createdAt: now,
        updatedAt: now,
      });
      await this.drafts.insert(draft);
      const revision = await this.insertRevision(draft, 1, content, caller.staffId);
      const consentRequests = await this.consent.syncForRevision(manager, draft.id, content.media, caller.staffId);
      await this.writePath.created(manager, DRAFT_LIFECYCLE, draft, {
        actorId: caller.staffId,
        details: { revisionId: revision.id, accountId: account.id, revisionNumber: 1, contentHash: revision.contentHash, scheduledFor, consentRequests },
      });
      return this.views.one(manager, caller, draft);
    });
  }

  async list(caller: Caller, query: DraftListQuery): Promise<Page<DraftView>> {
    const manager = this.dataSource.manager;
    const builder = this.drafts.query('d');
    visibleDraftsWhere(builder, 'd', caller, seesAllDrafts(caller) ? [] : await this.authorisations.authorisedAccountIds(manager, caller.staffId));
    if (query.mine === 'true') builder.andWhere('d.ownerId = :owner', { owner: caller.staffId });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    if (query.accountId) builder.andWhere('d.accountId = :accountId', { accountId: query.accountId });
    return keysetPage(builder, NEWEST_DRAFTS_FIRST, query, async (rows) => {
      const views = new Map((await this.views.many(manager, caller, rows)).map((view) => [view.id, view]));
      return rows.map((row) => views.get(row.id)!);
    });
  }

  async get(caller: Caller, id: string): Promise<DraftView> {
    const manager = this.dataSource.manager;
    return this.views.one(manager, caller, await this.access.requireVisible<Draft>(caller, 'draft', id, manager));
  }

  /** A new immutable revision; the draft returns to `draft` and any approval is void. */
  async edit(caller: Caller, id: string, dto: UpdateDraftDto): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftEdit, id, manager);
      const current = await this.drafts.revision(draft.currentRevisionId);
      const content: DraftContent = {
        text: dto.text ?? current.text,
        title: dto.title === undefined ? current.title : dto.title,
        link: dto.link === undefined ? current.link : dto.link,
        media: dto.media === undefined ? current.media : this.toMedia(dto.media),
      };
      await this.requireKnownReferences(manager, content.media, caller.staffId, draft.id);
      const scheduledFor = dto.scheduledFor === undefined ? draft.scheduledFor : this.futureInstant(dto.scheduledFor);
      const account = await this.accounts.findOrFail(draft.accountId);
      const findings = await this.checks.check(manager, account.platform, content);
      const revision = await this.insertRevision(draft, current.number + 1, content, caller.staffId);
      // Approvals of earlier revisions stop counting.
      const voidedApprovals = await this.approvals.voidStanding(draft.id, this.clock.nowIso());
      const cancelledHandOvers = await this.handOver.cancel({ draftId: draft.id });
      const consentRequests = await this.consent.syncForRevision(manager, draft.id, content.media, caller.staffId);
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, 'edit', {
        actorId: caller.staffId,
        set: { currentRevisionId: revision.id, findings, scheduledFor, submittedAt: null, failure: null, updatedAt: this.clock.nowIso() },
        details: { revisionId: revision.id, revisionNumber: revision.number, contentHash: revision.contentHash, voidedApprovals, cancelledHandOvers, consentRequests },
      });
      return this.views.one(manager, caller, draft);
    });
  }

  /** Into the approval queue, unless a check blocks (422 with the findings). */
  async submit(caller: Caller, id: string): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      // The rule ran the checks afresh (word lists change) and refused blocking findings; these are kept.
      const draft = await this.access.require<Draft>(caller, Permission.DraftSubmit, id, manager);
      const revision = await this.drafts.revision(draft.currentRevisionId);
      const account = await this.accounts.findOrFail(draft.accountId);
      const findings = await this.checks.check(manager, account.platform, revision);
      const now = this.clock.nowIso();
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, 'submit', { actorId: caller.staffId, set: { findings, submittedAt: now, updatedAt: now } });
      return this.views.one(manager, caller, draft);
    });
  }

  /** By its owner or a manager. */
  async withdraw(caller: Caller, id: string): Promise<DraftView> {
    return this.transactions.run(async (manager) => {
      const draft = await this.access.require<Draft>(caller, Permission.DraftWithdraw, id, manager);
      const cancelledHandOvers = await this.handOver.cancel({ draftId: draft.id });
      await this.writePath.transition(manager, DRAFT_LIFECYCLE, draft, 'withdraw', {
        actorId: caller.staffId,
        set: { updatedAt: this.clock.nowIso() },
        details: { revisionId: draft.currentRevisionId, cancelledHandOvers },
      });
      return this.views.one(manager, caller, draft);
    });
  }

  async historyOf(caller: Caller, id: string, query: DraftHistoryQuery): Promise<Page<DraftEventView>> {
    const manager = this.dataSource.manager;
    await this.access.requireVisible(caller, 'draft', id, manager);
    const builder = this.drafts.historyQuery(id);
    return keysetPage(builder, { columns: ['e.seq'], numeric: ['e.seq'], direction: 'ASC', of: (row) => [row.seq] }, query, (rows) => rows.map(toDraftEventView));
  }

  /** Closing an account withdraws everything on it that has not started publishing, set-based, in the closing transaction. */
  async onAccountClosing(manager: EntityManager, event: AccountClosingEvent): Promise<Record<string, unknown>> {
    return { withdrawnDrafts: await this.withdrawAllForAccount(manager, event.account.id, event.actorId, event.reason, event.cause) };
  }

  /** The drafts closing will withdraw, named in the account's own entry before it is written. */
  async planAccountClosing(manager: EntityManager, account: { id: string }): Promise<Record<string, unknown>> {
    return { withdrawnDrafts: await this.drafts.idsOfAccountIn(account.id, DRAFT_LIFECYCLE.statesAllowing('withdraw')) };
  }

  async withdrawAllForAccount(manager: EntityManager, accountId: string, actorId: string | null, reason: string, cause?: AuditEntry): Promise<string[]> {
    const drafts = await this.drafts.ofAccountInForUpdate(accountId, DRAFT_LIFECYCLE.statesAllowing('withdraw'));
    if (drafts.length === 0) return [];
    const ids = drafts.map((draft) => draft.id);
    for (let i = 0; i < ids.length; i += 500) await this.handOver.cancel({ draftId: In(ids.slice(i, i + 500)) });
    await this.writePath.transitionMany(manager, DRAFT_LIFECYCLE, drafts, 'withdraw', {
      actorId,
      set: { updatedAt: this.clock.nowIso() },
      details: { reason: `account closed: ${reason}` },
      cause,
    });
    return ids;
  }

  private async requireMayPost(manager: EntityManager, accountId: string, staffId: string): Promise<void> {
    if (!(await this.authorisations.isAuthorised(manager, accountId, staffId))) throw new NotAuthorisedForAccountError();
    await this.policy.requireAcknowledged(manager, staffId);
  }

  private async insertRevision(draft: Draft, number: number, content: DraftContent, staffId: string): Promise<DraftRevision> {
    const revision = this.drafts.buildRevision({
      id: number === 1 ? draft.currentRevisionId : newId(),
      draftId: draft.id,
      number,
      text: content.text,
      title: content.title,
      link: content.link,
      media: content.media,
      contentHash: contentHash(content),
      createdAt: this.clock.nowIso(),
      createdById: staffId,
    });
    await this.drafts.insertRevision(revision);
    return revision;
  }

  private toMedia(items: DraftMediaDto[]): DraftMedia[] {
    return items.map((item) => ({
      mediaId: item.mediaId.toLowerCase(),
      altText: item.altText,
      depicts: { staffIds: [...new Set(item.depicts.staffIds.map((s) => s.toLowerCase()))], serviceUsers: item.depicts.serviceUsers, public: item.depicts.public },
      rights: item.rights ?? null,
      rightsReference: item.rightsReference ?? null,
    }));
  }

  /**
   * Every attachment must be an upload the writer may use (their own, or one already on this draft), and
   * everyone depicted a member of staff. Someone else's upload reads exactly like an unknown id, so ids cannot be probed.
   */
  private async requireKnownReferences(manager: EntityManager, media: DraftMedia[], writerId: string, draftId: string | null): Promise<void> {
    const problems: { field: string; problems: string[] }[] = [];
    const types = await this.mediaUsable.usableBy(manager, media.map((item) => item.mediaId), writerId, draftId);
    const staffIds = [...new Set(media.flatMap((item) => item.depicts.staffIds))];
    const staff = new Set((await this.staff.findByIds(staffIds)).map((s) => s.id));
    media.forEach((item, index) => {
      if (!types.has(item.mediaId)) problems.push({ field: `media.${index}.mediaId`, problems: ['is not an uploaded media id'] });
      if (item.depicts.staffIds.some((id) => !staff.has(id))) problems.push({ field: `media.${index}.depicts.staffIds`, problems: ['names someone who is not a staff member'] });
    });
    if (problems.length > 0) throw new ValidationFailedError(`Check these fields: ${problems.map((p) => p.field).join(', ')}.`, problems);
  }

  private futureInstant(value: string | null): string | null {
    if (value === null) return null;
    const iso = new Date(value).toISOString();
    if (iso <= this.clock.nowIso()) throw new ValidationFailedError('scheduledFor must be in the future.', [{ field: 'scheduledFor', problems: ['is not in the future'] }]);
    return iso;
  }
}
