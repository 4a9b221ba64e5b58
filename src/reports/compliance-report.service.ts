import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Authorisation } from '../authorisations/authorisation.entity';
import { ACTIVE_CONDITION } from '../authorisations/authorisations.service';
import { Session } from '../auth/session.entity';
import { Clock } from '../common/clock';
import { addMs, DAY, MINUTE } from '../common/time';
import { DpiaService } from '../dpia/dpia.service';
import { Draft } from '../drafts/draft.entity';
import { OffboardingTask } from '../offboarding/offboarding-task.entity';
import { PolicyAcknowledgement } from '../policy/policy-acknowledgement.entity';
import { PolicyService } from '../policy/policy.service';
import { StaffMember } from '../staff/staff.entity';
import { ComplianceAccountView, ComplianceReportView } from './compliance.view';
import { concernFigures } from '../concerns/concern-figures';
import { ACCOUNT_LIFECYCLE, accountPublishable } from '../accounts/account-lifecycle';
import { OFFBOARDING_TASK_LIFECYCLE } from '../offboarding/offboarding-lifecycle';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';
import { AWAITING_APPROVAL } from '../drafts/draft-lifecycle';
import { LEFT } from '../staff/staff-lifecycle';

/**
 * A leave whose instant has passed already blocks every request; the job applies its effects within
 * a minute. Only a leave still unapplied after this grace counts as a leaver with access.
 */
export const LEAVE_APPLY_GRACE_MS = 5 * MINUTE;

@Injectable()
export class ComplianceReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly dpias: DpiaService,
    private readonly policies: PolicyService,
  ) {}

  async compliance(): Promise<ComplianceReportView> {
    const manager = this.dataSource.manager;
    const nowIso = this.clock.nowIso();
    const accounts = await manager.getRepository(Account).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const summaries = await this.dpias.summaries(manager, accounts.map((account) => account.id));
    const authorised = await manager
      .getRepository(Authorisation)
      .createQueryBuilder('a')
      .select('a.accountId', 'accountId')
      .addSelect('COUNT(DISTINCT a.staffId)', 'staff')
      .where(ACTIVE_CONDITION, { now: nowIso })
      .groupBy('a.accountId')
      .getRawMany<{ accountId: string; staff: string | number }>();
    const authorisedByAccount = new Map(authorised.map((row) => [row.accountId, Number(row.staff)]));
    const horizon = addMs(nowIso, 30 * DAY);

    const accountViews: ComplianceAccountView[] = accounts.map((account) => {
      const dpia = summaries.get(account.id)!;
      return {
        id: account.id,
        name: account.name,
        platform: account.platform,
        status: account.status,
        publishable: accountPublishable(account, dpia.inForce !== null),
        dpiaStatus: dpia.status,
        dpiaReviewDueAt: dpia.reviewDueAt,
        authorisedStaff: authorisedByAccount.get(account.id) ?? 0,
        credentialRotationRequired: account.credentialRotationRequired,
        credentialsInvalid: account.credentialsInvalid,
      };
    });
    const queue = await manager
      .getRepository(Draft)
      .createQueryBuilder('d')
      .select('COUNT(*)', 'pending')
      .addSelect('MIN(d.submittedAt)', 'oldest')
      .where('d.status IN (:...awaiting)', { awaiting: AWAITING_APPROVAL })
      .getRawOne<{ pending: string | number; oldest: string | null }>();

    return {
      generatedAt: nowIso,
      accounts: accountViews,
      leaversWithAccess: await this.leaversWithAccess(nowIso),
      staffWithoutPolicyAcknowledgement: await this.staffWithoutAcknowledgement(nowIso),
      dpiaReviewsDueWithin30Days: accountViews
        .filter((account) => !ACCOUNT_LIFECYCLE.isFinal(account.status) && account.dpiaReviewDueAt !== null && account.dpiaReviewDueAt <= horizon)
        .map((account) => account.id),
      openOffboardingTasks: await manager.getRepository(OffboardingTask).countBy({ status: In(OFFBOARDING_TASK_LIFECYCLE.statesAllowing('complete')) }),
      approvalQueue: { pending: Number(queue?.pending ?? 0), oldestWaitingSince: queue?.oldest ?? null },
      ...(await concernFigures(manager, nowIso)),
    };
  }

  /** Left, or past their leaving instant by more than the grace, and still holding a session or a grant. */
  private async leaversWithAccess(nowIso: string): Promise<string[]> {
    const overdue = addMs(nowIso, -LEAVE_APPLY_GRACE_MS);
    const leaverCondition = `(s.status = :left OR (s.leavingAt IS NOT NULL AND s.leavingAt <= :overdue))`;
    const withSession = await this.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where(leaverCondition, { overdue, left: LEFT })
      .andWhere((qb) => {
        const sub = qb.subQuery().select('1').from(Session, 'x').where('x.staffId = s.id AND x.revokedAt IS NULL AND x.expiresAt > :now').getQuery();
        return `EXISTS ${sub}`;
      })
      .setParameter('now', nowIso)
      .getRawMany<{ id: string }>();
    const withGrant = await this.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where(leaverCondition, { overdue, left: LEFT })
      .andWhere((qb) => {
        const sub = qb.subQuery().select('1').from(Authorisation, 'a').where(`a.staffId = s.id AND ${ACTIVE_CONDITION}`).getQuery();
        return `EXISTS ${sub}`;
      })
      .setParameter('now', nowIso)
      .getRawMany<{ id: string }>();
    return [...new Set([...withSession, ...withGrant].map((row) => row.id))].sort();
  }

  /** Staff with access now who have not acknowledged the policy in effect (none when there is no policy). */
  private async staffWithoutAcknowledgement(nowIso: string): Promise<string[]> {
    const policy = await this.policies.findCurrent();
    if (!policy) return [];
    const active = (await this.dataSource.getRepository(StaffMember).find({ where: { status: In(STAFF_LIFECYCLE.statesAllowing('offboard')) }, order: { createdAt: 'ASC', id: 'ASC' } })).filter((staff) =>
      staff.hasAccessAt(nowIso),
    );
    const acknowledged = new Set(
      (await this.dataSource.getRepository(PolicyAcknowledgement).find({ where: { policyVersion: policy.version }, select: { staffId: true } })).map((row) => row.staffId),
    );
    return active.filter((staff) => !acknowledged.has(staff.id)).map((staff) => staff.id);
  }
}
