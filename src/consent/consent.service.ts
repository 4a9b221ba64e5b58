import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { WritePath } from '../common/write-path/write-path';
import { NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../common/database/transactions';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import { DraftMedia } from '../drafts/draft-media';
import { Draft } from '../drafts/draft.entity';
import { Media } from '../media/media.entity';
import { ConsentNoLongerNeededError } from './consent-errors';
import { ConsentRequest } from './consent-request.entity';
import { ConsentDecisionDto, ConsentListQuery } from './dto/consent.dto';
import { ConsentRequestView, toConsentRequestView } from './consent.view';

export interface ConsentState {
  pending: number;
  refused: number;
}

@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly writePath: WritePath,
  ) {}

  /**
   * Makes the draft's requests match who its current revision depicts: new people are asked, people
   * no longer shown drop out, and a decision already given for the same image is kept. Images are
   * told apart by their bytes, so uploading the same photo again is the same image. A refusal stands
   * while the image is on the draft, whoever the revision says it shows: only the colleague can lift it.
   */
  async syncForRevision(manager: EntityManager, draftId: string, media: DraftMedia[], requestedById: string): Promise<string[]> {
    const repository = manager.getRepository(ConsentRequest);
    const existing = await repository.findBy({ draftId });
    const imageOf = await this.imageKeys(manager, [...media.map((item) => item.mediaId), ...existing.map((row) => row.mediaId)]);
    const keyOf = (mediaId: string, staffId: string) => `${imageOf.get(mediaId) ?? mediaId}|${staffId}`;
    const shownImages = new Set(media.map((item) => imageOf.get(item.mediaId) ?? item.mediaId));
    const wanted = new Map<string, { mediaId: string; staffId: string }>();
    for (const item of media) for (const staffId of item.depicts.staffIds) wanted.set(keyOf(item.mediaId, staffId), { mediaId: item.mediaId, staffId });
    const stands = (row: ConsentRequest) =>
      wanted.has(keyOf(row.mediaId, row.staffId)) || (row.status === 'refused' && shownImages.has(imageOf.get(row.mediaId) ?? row.mediaId));
    const deactivate = existing.filter((row) => row.active && !stands(row)).map((row) => row.id);
    const reactivate = existing.filter((row) => !row.active && stands(row)).map((row) => row.id);
    if (deactivate.length > 0) await repository.update({ id: In(deactivate) }, { active: false });
    if (reactivate.length > 0) await repository.update({ id: In(reactivate) }, { active: true });
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
        return repository.create({
          id: newId(),
          draftId,
          mediaId,
          staffId,
          status: refusal ? 'refused' : 'pending',
          active: true,
          requestedById,
          createdAt: now,
          decidedAt: refusal?.decidedAt ?? null,
        });
      });
    if (created.length > 0) await repository.insert(created);
    return created.map((row) => row.id);
  }

  /** Per image and colleague, their latest decision on other drafts when it is a refusal. */
  private async refusalsElsewhere(manager: EntityManager, draftId: string, images: string[]): Promise<Map<string, { image: string; staffId: string; decidedAt: string }>> {
    if (images.length === 0) return new Map();
    const rows = await manager
      .getRepository(ConsentRequest)
      .createQueryBuilder('c')
      .innerJoin(Media, 'm', 'm.id = c.mediaId')
      .select('c.staffId', 'staffId')
      .addSelect('c.status', 'status')
      .addSelect('c.decidedAt', 'decidedAt')
      .addSelect('m.sha256', 'image')
      .where('m.sha256 IN (:...images)', { images })
      .andWhere('c.draftId <> :draftId', { draftId })
      .andWhere('c.decidedAt IS NOT NULL')
      .orderBy('c.decidedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<{ staffId: string; status: string; decidedAt: string; image: string }>();
    const latest = new Map<string, { image: string; staffId: string; status: string; decidedAt: string }>();
    for (const row of rows) latest.set(`${row.image}|${row.staffId}`, row);
    return new Map([...latest].filter(([, row]) => row.status === 'refused').map(([key, row]) => [key, { image: row.image, staffId: row.staffId, decidedAt: row.decidedAt }]));
  }

  /** Each media id's image: the SHA-256 of its bytes. */
  private async imageKeys(manager: EntityManager, mediaIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return new Map();
    const rows = await manager.getRepository(Media).find({ where: { id: In(unique) }, select: { id: true, sha256: true } });
    return new Map(rows.map((row) => [row.id, row.sha256]));
  }

  /** Pending and refused requests still relevant to each draft's current revision. */
  async stateOf(manager: EntityManager, draftIds: readonly string[]): Promise<Map<string, ConsentState>> {
    const states = new Map<string, ConsentState>(draftIds.map((id) => [id, { pending: 0, refused: 0 }]));
    if (draftIds.length === 0) return states;
    const rows = await manager
      .getRepository(ConsentRequest)
      .createQueryBuilder('c')
      .select('c.draftId', 'draftId')
      .addSelect('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('c.draftId IN (:...draftIds)', { draftIds: [...draftIds] })
      .andWhere('c.active = :active', { active: true })
      .andWhere('c.status IN (:...statuses)', { statuses: ['pending', 'refused'] })
      .groupBy('c.draftId')
      .addGroupBy('c.status')
      .getRawMany<{ draftId: string; status: 'pending' | 'refused'; n: string | number }>();
    for (const row of rows) states.get(row.draftId)![row.status] = Number(row.n);
    return states;
  }

  /** The caller's own requests on drafts still going somewhere, newest first. */
  async listOwn(caller: Caller, query: ConsentListQuery): Promise<Page<ConsentRequestView>> {
    const builder = this.dataSource
      .getRepository(ConsentRequest)
      .createQueryBuilder('c')
      // Nothing to decide once the draft is withdrawn or rejected; a published one still matters (a refusal asks for its removal).
      .innerJoin(Draft, 'd', 'd.id = c.draftId AND d.status NOT IN (:...closed)', { closed: ['withdrawn', 'rejected'] })
      .where('c.staffId = :staffId', { staffId: caller.staffId })
      .andWhere('c.active = :active', { active: true });
    const newest: Keyset<ConsentRequest> = { columns: ['c.createdAt', 'c.id'], direction: 'DESC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, newest, query, (rows) => rows.map(toConsentRequestView));
  }

  /**
   * A removal request on a draft not yet out: the colleague's consent on it becomes refused, each request in
   * one history line. The caller's transaction must hold the draft row. Returns how many requests changed.
   */
  async refuseOnRemovalRequest(manager: EntityManager, draft: Draft, staffId: string, removalRequestId: string, cause?: AuditEntry): Promise<number> {
    const requests = await manager.getRepository(ConsentRequest).findBy({ draftId: draft.id, staffId, active: true });
    const decidedAt = this.clock.nowIso();
    let changed = 0;
    for (const request of requests.filter((row) => row.status !== 'refused')) {
      const previous = request.status;
      await manager.getRepository(ConsentRequest).update({ id: request.id }, { status: 'refused', decidedAt });
      // Follows from the removal request, whose own entry the caller has written.
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
      const found = await manager.getRepository(ConsentRequest).findOneBy({ id });
      if (!found || found.staffId !== caller.staffId) throw new NotFoundError('consent request');
      const draft = await this.transactions.findForUpdate(manager, Draft, found.draftId);
      const request = await this.transactions.findForUpdate(manager, ConsentRequest, id);
      if (!draft || !request) throw new NotFoundError('consent request');
      if (!request.active) throw new ConsentNoLongerNeededError();
      const previous = request.status;
      request.status = dto.decision;
      request.decidedAt = this.clock.nowIso();
      await manager.getRepository(ConsentRequest).save(request);
      await this.writePath.note(manager, DRAFT_LIFECYCLE, draft, `consent_${dto.decision}`, {
        actorId: caller.staffId,
        details: { revisionId: draft.currentRevisionId, consentRequestId: request.id, mediaId: request.mediaId, previous },
      });
      return toConsentRequestView(request);
    });
  }
}
