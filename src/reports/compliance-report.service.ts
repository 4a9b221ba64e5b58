import { Injectable } from '@nestjs/common';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuthorisationsRepository } from '../authorisations/authorisations.repository';
import { Clock } from '../common/clock';
import { Transactions } from '../common/database/transactions';
import { addMs, DAY, MINUTE } from '../common/time';
import { DpiaService } from '../dpia/dpia.service';
import { PolicyRepository } from '../policy/policy.repository';
import { PolicyService } from '../policy/policy.service';
import { StaffRepository } from '../staff/staff.repository';
import { ComplianceAccountView, ComplianceReportView } from './compliance.view';
import { ComplianceReportRepository } from './compliance-report.repository';
import { concernFigures } from '../concerns/concern-figures';
import { ACCOUNT_LIFECYCLE, accountPublishable } from '../accounts/account-lifecycle';

/**
 * A leave whose instant has passed already blocks every request; the job applies its effects within
 * a minute. Only a leave still unapplied after this grace counts as a leaver with access.
 */
export const LEAVE_APPLY_GRACE_MS = 5 * MINUTE;

@Injectable()
export class ComplianceReportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly dpias: DpiaService,
    private readonly policies: PolicyService,
    private readonly acknowledgements: PolicyRepository,
    private readonly accounts: AccountsRepository,
    private readonly grants: AuthorisationsRepository,
    private readonly staffRows: StaffRepository,
    private readonly figures: ComplianceReportRepository,
  ) {}

  async compliance(): Promise<ComplianceReportView> {
    const manager = this.transactions.manager;
    const nowIso = this.clock.nowIso();
    const accounts = await this.accounts.all();
    const summaries = await this.dpias.summaries(manager, accounts.map((account) => account.id));
    const authorisedByAccount = await this.grants.activeStaffCountByAccount(nowIso);
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
    const approvalQueue = await this.figures.approvalQueue();

    return {
      generatedAt: nowIso,
      accounts: accountViews,
      // Left, or past their leaving instant by more than the grace, and still holding a session or a grant.
      leaversWithAccess: await this.figures.leaversWithAccess(addMs(nowIso, -LEAVE_APPLY_GRACE_MS), nowIso),
      staffWithoutPolicyAcknowledgement: await this.staffWithoutAcknowledgement(nowIso),
      dpiaReviewsDueWithin30Days: accountViews
        .filter((account) => !ACCOUNT_LIFECYCLE.isFinal(account.status) && account.dpiaReviewDueAt !== null && account.dpiaReviewDueAt <= horizon)
        .map((account) => account.id),
      openOffboardingTasks: await this.figures.openOffboardingTasks(),
      approvalQueue,
      ...(await concernFigures(manager, nowIso)),
    };
  }

  /** Staff with access now who have not acknowledged the policy in effect (none when there is no policy). */
  private async staffWithoutAcknowledgement(nowIso: string): Promise<string[]> {
    const policy = await this.policies.findCurrent();
    if (!policy) return [];
    const active = (await this.staffRows.notLeft()).filter((staff) => staff.hasAccessAt(nowIso));
    const acknowledged = await this.acknowledgements.acknowledgerIdsOf(policy.version);
    return active.filter((staff) => !acknowledged.has(staff.id)).map((staff) => staff.id);
  }
}
