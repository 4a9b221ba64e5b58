import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { DomainEvent, DomainEvents } from '../common/domain-events';
import { WritePath } from '../common/write-path/write-path';
import { NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { DraftMedia } from '../drafts/draft-media';
import { Draft } from '../drafts/draft.entity';
import { ConsentNoLongerNeededError } from './consent-errors';
import { ConsentRequest } from './consent-request.entity';
import { CONSENT_ACTION_OF, CONSENT_REQUEST_LIFECYCLE } from './consent-request-lifecycle';
import { ConsentRequestsRepository } from './consent-requests.repository';
import { ConsentDecisionDto, ConsentListQuery } from './dto/consent.dto';
import { ConsentRequestView, toConsentRequestView } from './consent.view';

export interface ConsentState {
  pending: number;
  refused: number;
}

@Injectable()
export class ConsentService implements OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly events: DomainEvents,
    private readonly requests: ConsentRequestsRepository,
  ) {}

  onModuleInit(): void {
    // Heard before the tasks (subscribeLast): an inherited refusal is refused before anyone is asked.
    this.events.subscribe((manager, events) => this.onDraftChanges(manager, events));
  }

  /**
   * Makes the draft's requests match who its current revision depicts: new people are asked, people
   * no longer shown drop out, and a decision already given for the same image is kept. Images are
   * told apart by their bytes, so uploading the same photo again is the same image. A refusal stands
   * while the image is on the draft, whoever the revision says it shows: only the colleague can lift it.
   */
  async syncForRevision(manager: EntityManager, draftId: string, media: DraftMedia[], requestedById: string): Promise<string[]> {
    const existing = await this.requests.ofDraft(draftId, manager);
    const imageOf = await this.imageKeys(manager, [...media.map((item) => item.mediaId), ...existing.map((row) => row.mediaId)]);
    const keyOf = (mediaId: string, staffId: string) => `${imageOf.get(mediaId) ?? mediaId}|${staffId}`;
    const shownImages = new Set(media.map((item) => imageOf.get(item.mediaId) ?? item.mediaId));
    const wanted = new Map<string, { mediaId: string; staffId: string }>();
    for (const item of media) for (const staffId of item.depicts.staffIds) wanted.set(keyOf(item.mediaId, staffId), { mediaId: item.mediaId, staffId });
    const stands = (row: ConsentRequest) =>
      wanted.has(keyOf(row.mediaId, row.staffId)) || (CONSENT_REQUEST_LIFECYCLE.is(row, 'refused') && shownImages.has(imageOf.get(row.mediaId) ?? row.mediaId));
    const deactivate = existing.filter((row) => row.active && !stands(row)).map((row) => row.id);
    const reactivate = existing.filter((row) => !row.active && stands(row)).map((row) => row.id);
    if (deactivate.length > 0) await this.requests.setActive(deactivate, false, manager);
    if (reactivate.length > 0) await this.requests.setActive(reactivate, true, manager);
    const known = new Set(existing.map((row) => keyOf(row.mediaId, row.staffId)));
    // A photo refused on another draft arrives refused, whoever this revision says it shows.
    const mediaOfImage = new Map(media.map((item) => [imageOf.get(item.mediaId) ?? item.mediaId, item.mediaId]));
    const refusedElsewhere = await this.refusalsElsewhere(manager, draftId, [...shownImages]);
    for (const [key, refusal] of refusedElsewhere) {
      if (!wanted.has(key)) wanted.set(key, { mediaId: mediaOfImage.get(refusal.image)!, staffId: refusal.staffId });
    }
    const now = this.clock.nowIso();
    const created = [...wanted]
      .filter(([key]) => !known.has(key))
      .map(([key, { mediaId, staffId }]) => {
        const refusal = refusedElsewhere.get(key);
        return this.requests.build({
          id: newId(),
          draftId,
          mediaId,
          staffId,
          status: CONSENT_REQUEST_LIFECYCLE.initial,
          active: true,
          requestedById,
          createdAt: now,
          // A refusal inherited keeps its time; the row is refused once the draft's change is written (onDraftChanges).
          decidedAt: refusal?.decidedAt ?? null,
        }, manager);
      });
    if (created.length > 0) await this.requests.insert(created, manager);
    return created.map((row) => row.id);
  }

  /**
   * The requests a draft's change made (its entry lists them) enter their lifecycle following from that entry;
   * one inherited from a refusal elsewhere (born with its decision time) is refused at once. The requests of all
   * the changes heard together are read in one query; each change's are then written in turn, as they were made.
   */
  private async onDraftChanges(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    const made = events
      .map((event) => ({ cause: event.entry, ids: event.subjectType === 'draft' && Array.isArray(event.details?.consentRequests) ? (event.details.consentRequests as string[]) : [] }))
      .filter(({ ids }) => ids.length > 0);
    if (made.length === 0) return;
    const loaded = await this.requests.findByIds(made.flatMap(({ ids }) => ids), manager);
    for (const { cause, ids } of made) {
      const mine = new Set(ids);
      const rows = loaded.filter((row) => mine.has(row.id));
      await this.writePath.createdMany(
        manager,
        CONSENT_REQUEST_LIFECYCLE,
        rows.map((row) => ({ subject: row, change: { actorId: row.requestedById, details: { draftId: row.draftId, mediaId: row.mediaId, staffId: row.staffId }, cause } })),
      );
      const inherited = rows.filter((row) => CONSENT_REQUEST_LIFECYCLE.is(row, 'pending') && row.decidedAt !== null);
      if (inherited.length > 0) {
        await this.writePath.transitionMany(manager, CONSENT_REQUEST_LIFECYCLE, inherited, 'refuse', { actorId: null, details: { inherited: true }, cause });
      }
    }
  }

  /** Per image and colleague, their latest decision on other drafts when it is a refusal. */
  private async refusalsElsewhere(manager: EntityManager, draftId: string, images: string[]): Promise<Map<string, { image: string; staffId: string; decidedAt: string }>> {
    if (images.length === 0) return new Map();
    const rows = await this.requests.decisionsElsewhere(draftId, images, manager);
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) latest.set(`${row.image}|${row.staffId}`, row);
    return new Map([...latest].filter(([, row]) => CONSENT_REQUEST_LIFECYCLE.is(row, 'refused')).map(([key, row]) => [key, { image: row.image, staffId: row.staffId, decidedAt: row.decidedAt }]));
  }

  /** Each media id's image: the SHA-256 of its bytes. */
  private async imageKeys(manager: EntityManager, mediaIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return new Map();
    return this.requests.imagesOf(unique, manager);
  }

  /** Which of these drafts actively ask `staffId` for consent. */
  askedOf(manager: EntityManager, staffId: string, draftIds: readonly string[]): Promise<Set<string>> {
    return this.requests.draftsAsking(staffId, [...draftIds], manager);
  }

  /** Pending and refused requests still relevant to each draft's current revision. */
  async stateOf(manager: EntityManager, draftIds: readonly string[]): Promise<Map<string, ConsentState>> {
    const states = new Map<string, ConsentState>(draftIds.map((id) => [id, { pending: 0, refused: 0 }]));
    if (draftIds.length === 0) return states;
    const rows = await this.requests.outstandingCounts([...draftIds], manager);
    for (const row of rows) states.get(row.draftId)![row.status] = Number(row.n);
    return states;
  }

  /** The caller's own requests on drafts still going somewhere, newest first. */
  async listOwn(caller: Caller, query: ConsentListQuery): Promise<Page<ConsentRequestView>> {
    const builder = this.requests.openFor(caller.staffId);
    const newest: Keyset<ConsentRequest> = { columns: ['c.createdAt', 'c.id'], direction: 'DESC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, newest, query, (rows) => rows.map(toConsentRequestView));
  }

  /**
   * A removal request on a draft not yet out: the colleague's consent on it becomes refused, each request in
   * one history line. The caller's transaction must hold the draft row. Returns how many requests changed.
   */
  async refuseOnRemovalRequest(manager: EntityManager, draft: Draft, staffId: string, removalRequestId: string, cause?: AuditEntry): Promise<number> {
    const requests = await this.requests.activeOf(draft.id, staffId, manager);
    const decidedAt = this.clock.nowIso();
    let changed = 0;
    for (const request of requests.filter((row) => !CONSENT_REQUEST_LIFECYCLE.is(row, 'refused'))) {
      const previous = request.status;
      // Both follow from the removal request, whose own entry the caller has written.
      await this.writePath.transition(manager, CONSENT_REQUEST_LIFECYCLE, request, 'refuse', { actorId: staffId, set: { decidedAt }, details: { draftId: draft.id, removalRequestId }, cause });
      await this.writePath.note(manager, DRAFT_LIFECYCLE, draft, 'consent_refused', {
        actorId: staffId,
        details: { revisionId: draft.currentRevisionId, consentRequestId: request.id, mediaId: request.mediaId, previous, removalRequestId },
        cause,
      });
      changed += 1;
    }
    return changed;
  }

  /** Only the person depicted decides; the draft row is locked so an approval sees the decision or waits for it. */
  async decide(caller: Caller, id: string, dto: ConsentDecisionDto): Promise<ConsentRequestView> {
    return this.transactions.run(async (manager) => {
      const found = await this.requests.findById(id);
      if (!found || found.staffId !== caller.staffId) throw new NotFoundError('consent request');
      const draft = await this.transactions.findForUpdate(manager, Draft, found.draftId);
      const request = await this.requests.findForUpdate(id);
      if (!draft || !request) throw new NotFoundError('consent request');
      if (!request.active) throw new ConsentNoLongerNeededError();
      const previous = request.status;
      // The decision is the draft's news (its history line is the request's entry); the request's own move follows from it.
      const decided = await this.writePath.note(manager, DRAFT_LIFECYCLE, draft, `consent_${dto.decision}`, {
        actorId: caller.staffId,
        details: { revisionId: draft.currentRevisionId, consentRequestId: request.id, mediaId: request.mediaId, previous },
      });
      await this.writePath.transition(manager, CONSENT_REQUEST_LIFECYCLE, request, CONSENT_ACTION_OF[dto.decision], {
        actorId: caller.staffId,
        set: { decidedAt: this.clock.nowIso() },
        details: { draftId: draft.id },
        cause: decided,
      });
      return toConsentRequestView(request);
    });
  }
}
