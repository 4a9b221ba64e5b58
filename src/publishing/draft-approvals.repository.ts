import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { DraftApproval } from './draft-approval.entity';

/** Managers' approvals of draft revisions, in the current transaction (or outside one). "Standing" is not voided. */
@Injectable()
export class DraftApprovalsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get approvals(): Repository<DraftApproval> {
    return this.transactions.manager.getRepository(DraftApproval);
  }

  async insert(approval: DraftApproval): Promise<void> {
    await this.approvals.insert(approval);
  }

  /** The standing approvals of one revision. */
  standingFor(draftId: string, revisionId: string): Promise<DraftApproval[]> {
    return this.approvals.findBy({ draftId, revisionId, voidedAt: IsNull() });
  }

  countStanding(draftId: string, revisionId: string): Promise<number> {
    return this.approvals.countBy({ draftId, revisionId, voidedAt: IsNull() });
  }

  /** The standing approvals of these drafts' revisions, in the order they were given. */
  standingOf(draftIds: string[], revisionIds: string[]): Promise<DraftApproval[]> {
    return this.approvals.find({
      // draftId leads the unique (draftId, revisionId, managerId) index.
      where: { draftId: In(draftIds), revisionId: In(revisionIds), voidedAt: IsNull() },
      order: { approvedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Which revision of each of these drafts `managerId` approved, where the approval stands. */
  standingBy(managerId: string, draftIds: string[]): Promise<Pick<DraftApproval, 'draftId' | 'revisionId'>[]> {
    return this.approvals.find({ where: { draftId: In(draftIds), managerId, voidedAt: IsNull() }, select: { draftId: true, revisionId: true } });
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Who approved which revision of these drafts, where the approval stands. */
  static standingOfDrafts(manager: EntityManager, draftIds: string[]): Promise<Pick<DraftApproval, 'draftId' | 'revisionId' | 'managerId'>[]> {
    return manager
      .getRepository(DraftApproval)
      .createQueryBuilder('x')
      .select(['x.draftId', 'x.revisionId', 'x.managerId'])
      .where('x.draftId IN (:...ids) AND x.voidedAt IS NULL', { ids: draftIds })
      .getMany();
  }

  /** Voids every standing approval of the draft; returns how many. */
  async voidStanding(draftId: string, nowIso: string): Promise<number> {
    const result = await this.approvals.update({ draftId, voidedAt: IsNull() }, { voidedAt: nowIso });
    return result.affected ?? 0;
  }
}
