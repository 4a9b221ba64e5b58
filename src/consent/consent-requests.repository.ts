import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Account } from '../accounts/account.entity';
import { Draft } from '../drafts/draft.entity';
import { Media } from '../media/media.entity';
import { ConsentRequest, ConsentStatus } from './consent-request.entity';
import { CONSENT_OUTSTANDING, CONSENT_REQUEST_LIFECYCLE } from './consent-request-lifecycle';

/**
 * Consent requests, in the current transaction (or outside one). `manager` is for callers that hold one of
 * their own (the draft's change, the events it emits).
 */
@Injectable()
export class ConsentRequestsRepository {
  constructor(private readonly transactions: Transactions) {}

  private requests(manager: EntityManager = this.transactions.manager): Repository<ConsentRequest> {
    return manager.getRepository(ConsentRequest);
  }

  build(fields: DeepPartial<ConsentRequest>, manager?: EntityManager): ConsentRequest {
    return this.requests(manager).create(fields);
  }

  async insert(rows: ConsentRequest[], manager?: EntityManager): Promise<void> {
    await this.requests(manager).insert(rows);
  }

  findById(id: string): Promise<ConsentRequest | null> {
    return this.requests().findOneBy({ id });
  }

  /** Held against concurrent changes until the transaction ends. */
  findForUpdate(id: string): Promise<ConsentRequest | null> {
    return this.transactions.findForUpdate(this.transactions.manager, ConsentRequest, id);
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<ConsentRequest[]> {
    return this.requests(manager).findBy({ id: In(ids) });
  }

  /** Every request the draft ever made, active or not. */
  ofDraft(draftId: string, manager?: EntityManager): Promise<ConsentRequest[]> {
    return this.requests(manager).findBy({ draftId });
  }

  /** The colleague's requests still relevant to the draft. */
  activeOf(draftId: string, staffId: string, manager?: EntityManager): Promise<ConsentRequest[]> {
    return this.requests(manager).findBy({ draftId, staffId, active: true });
  }

  /** Which of these drafts actively ask `staffId` for consent. */
  async draftsAsking(staffId: string, draftIds: string[], manager?: EntityManager): Promise<Set<string>> {
    if (draftIds.length === 0) return new Set();
    const rows = await this.requests(manager).find({ where: { draftId: In(draftIds), staffId, active: true }, select: { draftId: true } });
    return new Set(rows.map((row) => row.draftId));
  }

  async setActive(ids: string[], active: boolean, manager?: EntityManager): Promise<void> {
    await this.requests(manager).update({ id: In(ids) }, { active });
  }

  /** Decisions on the images (by SHA-256) given on drafts other than `draftId`, oldest first. */
  decisionsElsewhere(draftId: string, images: string[], manager?: EntityManager): Promise<{ staffId: string; status: ConsentStatus; decidedAt: string; image: string }[]> {
    return this.requests(manager)
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
      .getRawMany();
  }

  /** Each media id's image: the SHA-256 of its bytes (consent follows the image, not the upload). */
  async imagesOf(mediaIds: string[], manager: EntityManager = this.transactions.manager): Promise<Map<string, string>> {
    const rows = await manager.getRepository(Media).find({ where: { id: In(mediaIds) }, select: { id: true, sha256: true } });
    return new Map(rows.map((row) => [row.id, row.sha256]));
  }

  /** Active outstanding requests per draft and status. */
  outstandingCounts(draftIds: string[], manager?: EntityManager): Promise<{ draftId: string; status: 'pending' | 'refused'; n: string | number }[]> {
    return this.requests(manager)
      .createQueryBuilder('c')
      .select('c.draftId', 'draftId')
      .addSelect('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('c.draftId IN (:...draftIds)', { draftIds })
      .andWhere('c.active = :active', { active: true })
      .andWhere('c.status IN (:...statuses)', { statuses: CONSENT_OUTSTANDING })
      .groupBy('c.draftId')
      .addGroupBy('c.status')
      .getRawMany();
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Pending active requests on drafts still going somewhere (as the consent page lists them), as `c`, their draft `d` and account `a`. */
  static pendingOnOpenDrafts(manager: EntityManager): SelectQueryBuilder<ConsentRequest> {
    return manager
      .getRepository(ConsentRequest)
      .createQueryBuilder('c')
      .innerJoin(Draft, 'd', 'd.id = c.draftId AND d.status NOT IN (:...closed)', { closed: ['withdrawn', 'rejected'] })
      .innerJoin(Account, 'a', 'a.id = d.accountId')
      .where('c.active = :active AND c.status = :pending', { active: true, pending: CONSENT_REQUEST_LIFECYCLE.initial });
  }

  /** Ids of the requests on these drafts, at most `limit`. */
  static async idsOnDrafts(manager: EntityManager, draftIds: string[], limit: number): Promise<string[]> {
    const rows = await manager.getRepository(ConsentRequest).find({ where: { draftId: In(draftIds) }, select: { id: true }, take: limit });
    return rows.map((row) => row.id);
  }

  /** The colleague's active requests on drafts still going somewhere, for paging. */
  openFor(staffId: string): SelectQueryBuilder<ConsentRequest> {
    return (
      this.requests()
        .createQueryBuilder('c')
        // Nothing to decide once the draft is withdrawn or rejected; a published one still matters (a refusal asks for its removal).
        .innerJoin(Draft, 'd', 'd.id = c.draftId AND d.status NOT IN (:...closed)', { closed: ['withdrawn', 'rejected'] })
        .where('c.staffId = :staffId', { staffId })
        .andWhere('c.active = :active', { active: true })
    );
  }
}
