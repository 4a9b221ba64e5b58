import { Injectable } from '@nestjs/common';
import { In, SelectQueryBuilder } from 'typeorm';
import { Session } from '../auth/session.entity';
import { Authorisation } from '../authorisations/authorisation.entity';
import { ACTIVE_CONDITION } from '../authorisations/authorisations.repository';
import { Transactions } from '../common/database/transactions';
import { AWAITING_APPROVAL } from '../drafts/draft-lifecycle';
import { Draft } from '../drafts/draft.entity';
import { OFFBOARDING_TASK_LIFECYCLE } from '../offboarding/offboarding-lifecycle';
import { OffboardingTask } from '../offboarding/offboarding-task.entity';
import { LEFT } from '../staff/staff-lifecycle';
import { StaffMember } from '../staff/staff.entity';

/** The compliance report's reads across aggregates (each aggregate's own lists come from its repository). */
@Injectable()
export class ComplianceReportRepository {
  constructor(private readonly transactions: Transactions) {}

  /** How many drafts wait for approval, and since when the oldest has. */
  async approvalQueue(): Promise<{ pending: number; oldestWaitingSince: string | null }> {
    const queue = await this.transactions.manager
      .getRepository(Draft)
      .createQueryBuilder('d')
      .select('COUNT(*)', 'pending')
      .addSelect('MIN(d.submittedAt)', 'oldest')
      .where('d.status IN (:...awaiting)', { awaiting: AWAITING_APPROVAL })
      .getRawOne<{ pending: string | number; oldest: string | null }>();
    return { pending: Number(queue?.pending ?? 0), oldestWaitingSince: queue?.oldest ?? null };
  }

  openOffboardingTasks(): Promise<number> {
    return this.transactions.manager.getRepository(OffboardingTask).countBy({ status: In(OFFBOARDING_TASK_LIFECYCLE.statesAllowing('complete')) });
  }

  /** Ids of people who left, or whose leaving instant is at or before `overdueIso`, and still hold a live session or an active grant. */
  async leaversWithAccess(overdueIso: string, nowIso: string): Promise<string[]> {
    const holding = (exists: (qb: SelectQueryBuilder<StaffMember>) => string) => this.leavers(overdueIso).andWhere(exists).setParameter('now', nowIso).getRawMany<{ id: string }>();
    const withSession = await holding((qb) => `EXISTS ${qb.subQuery().select('1').from(Session, 'x').where('x.staffId = s.id AND x.revokedAt IS NULL AND x.expiresAt > :now').getQuery()}`);
    const withGrant = await holding((qb) => `EXISTS ${qb.subQuery().select('1').from(Authorisation, 'a').where(`a.staffId = s.id AND ${ACTIVE_CONDITION}`).getQuery()}`);
    return [...new Set([...withSession, ...withGrant].map((row) => row.id))].sort();
  }

  private leavers(overdueIso: string): SelectQueryBuilder<StaffMember> {
    return this.transactions.manager
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where(`(s.status = :left OR (s.leavingAt IS NOT NULL AND s.leavingAt <= :overdue))`, { overdue: overdueIso, left: LEFT });
  }
}
