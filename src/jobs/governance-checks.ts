import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { WritePath } from '../common/write-path/write-path';
import { AuthorisationsRepository } from '../authorisations/authorisations.repository';
import { Clock } from '../common/clock';
import { addMs, DAY, HOUR } from '../common/time';
import { Transactions } from '../common/database/transactions';
import { DpiaService } from '../dpia/dpia.service';
import { DraftsRepository } from '../drafts/drafts.repository';
import { NewNotification, NotificationsService } from '../tasks/notifications/notifications.service';
import { OffboardingService } from '../offboarding/offboarding.service';
import { PolicyService } from '../policy/policy.service';
import { OPEN_ACCOUNT_STATUSES } from '../accounts/account-lifecycle';
import { AWAITING_APPROVAL } from '../drafts/draft-lifecycle';

export const DPIA_REVIEW_WARNING_MS = 30 * DAY;
export const POLICY_REVIEW_WARNING_MS = 30 * DAY;
export const CREDENTIALS_WARNING_MS = 14 * DAY;
export const APPROVAL_WAIT_WARNING_MS = 48 * HOUR;
const BATCH = 500;

export interface CheckResult {
  /** What the check found this time, including what had been notified before. */
  found: number;
  /** Notifications recorded now (the rest were known). */
  notified: number;
}

/**
 * The work of each scheduled job, as plain methods: the scheduler calls them under a job lock, and
 * tests call them directly. Each records what it found as notifications, once per thing found.
 */
@Injectable()
export class GovernanceChecks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly offboarding: OffboardingService,
    private readonly dpias: DpiaService,
    private readonly policies: PolicyService,
    private readonly accounts: AccountsRepository,
    private readonly drafts: DraftsRepository,
    private readonly authorisationRows: AuthorisationsRepository,
  ) {}

  /** Leaves whose instant has passed get their effects (access already ended at the instant). */
  async dueLeavers(): Promise<CheckResult> {
    const applied = await this.offboarding.applyDueLeaves();
    return this.record(
      'due-leavers',
      applied.map((leave) => ({
        kind: 'leaver_offboarded',
        dedupeKey: `leaver-offboarded:${leave.offboardingId}`,
        subjectType: 'staff',
        subjectId: leave.staffId,
        message: 'A scheduled leave took effect: sessions and authorisations were revoked and work was handed over.',
        details: { offboardingId: leave.offboardingId, effectiveAt: leave.effectiveAt },
      })),
    );
  }

  /** Expiry already took effect at its instant; this records it in the audit trail once. */
  async expiredAuthorisations(): Promise<CheckResult> {
    const nowIso = this.clock.nowIso();
    // Committed rows only, as before: the plain manager, not a transaction's.
    const rows = await this.authorisationRows.expiredUnnoticed(nowIso, BATCH, this.dataSource.manager);
    if (rows.length === 0) return { found: 0, notified: 0 };
    return this.transactions.run(async (manager) => {
      const fresh = await this.notifications.notify(
        manager,
        rows.map((row) => ({
          kind: 'authorisation_expired',
          dedupeKey: `authorisation-expired:${row.id}`,
          subjectType: 'authorisation',
          subjectId: row.id,
          message: 'An authorisation reached its expiry and no longer gives access.',
          details: { accountId: row.accountId, staffId: row.staffId, expiresAt: row.expiresAt },
        })),
      );
      const freshIds = new Set(fresh.map((item) => item.subjectId));
      for (const row of rows.filter((row) => freshIds.has(row.id))) {
        await this.writePath.record(manager, {
          actorId: null,
          action: 'authorisation.expired',
          subjectType: 'authorisation',
          subjectId: row.id,
          details: { accountId: row.accountId, staffId: row.staffId, expiresAt: row.expiresAt },
        });
      }
      return { found: rows.length, notified: fresh.length };
    });
  }

  /** Approved DPIAs whose review date is within 30 days, and those already past it. */
  async dpiaReviews(): Promise<CheckResult> {
    const nowIso = this.clock.nowIso();
    const horizon = addMs(nowIso, DPIA_REVIEW_WARNING_MS);
    const accounts = await this.accounts.named(OPEN_ACCOUNT_STATUSES, this.dataSource.manager);
    const summaries = await this.dpias.summaries(this.dataSource.manager, accounts.map((account) => account.id));
    const items: NewNotification[] = [];
    for (const account of accounts) {
      const reviewDueAt = summaries.get(account.id)?.reviewDueAt ?? null;
      if (reviewDueAt === null || reviewDueAt > horizon) continue;
      const overdue = reviewDueAt <= nowIso;
      items.push({
        kind: overdue ? 'dpia_review_overdue' : 'dpia_review_due',
        dedupeKey: `${overdue ? 'dpia-review-overdue' : 'dpia-review-due'}:${account.id}:${reviewDueAt}`,
        subjectType: 'account',
        subjectId: account.id,
        message: overdue
          ? `The DPIA for “${account.name}” is past its review date; the account cannot publish until it is reviewed.`
          : `The DPIA for “${account.name}” is due for review by ${reviewDueAt}.`,
        details: { reviewDueAt },
      });
    }
    return this.record('dpia-reviews', items);
  }

  /** The policy in effect is due for its yearly review within 30 days, or past it. */
  async policyReview(): Promise<CheckResult> {
    const policy = await this.policies.findCurrent();
    const nowIso = this.clock.nowIso();
    if (!policy || policy.reviewDueAt > addMs(nowIso, POLICY_REVIEW_WARNING_MS)) return this.record('policy-review', []);
    const overdue = policy.reviewDueAt <= nowIso;
    return this.record('policy-review', [
      {
        kind: overdue ? 'policy_review_overdue' : 'policy_review_due',
        dedupeKey: `${overdue ? 'policy-review-overdue' : 'policy-review-due'}:${policy.version}:${policy.reviewDueAt}`,
        subjectType: 'policy',
        subjectId: policy.version,
        message: overdue
          ? `The social media policy ${policy.version} is past its review date.`
          : `The social media policy ${policy.version} is due for review by ${policy.reviewDueAt}.`,
        details: { reviewDueAt: policy.reviewDueAt },
      },
    ]);
  }

  /** Stored platform credentials that expire within 14 days (or have expired). */
  async expiringCredentials(): Promise<CheckResult> {
    const nowIso = this.clock.nowIso();
    const accounts = await this.accounts.credentialsExpiringBy(OPEN_ACCOUNT_STATUSES, addMs(nowIso, CREDENTIALS_WARNING_MS), this.dataSource.manager);
    return this.record(
      'credentials-expiring',
      accounts.map((account) => ({
        kind: 'credentials_expiring',
        dedupeKey: `credentials-expiring:${account.id}:${account.credentialsExpireAt}`,
        subjectType: 'account',
        subjectId: account.id,
        message: `The platform credentials for “${account.name}” ${account.credentialsExpireAt! <= nowIso ? 'have expired' : 'expire within 14 days'}; reconnect the account.`,
        details: { credentialsExpireAt: account.credentialsExpireAt },
      })),
    );
  }

  /** Drafts waiting in the approval queue for more than 48 hours. */
  async waitingApprovals(): Promise<CheckResult> {
    const cutoff = addMs(this.clock.nowIso(), -APPROVAL_WAIT_WARNING_MS);
    const drafts = await this.drafts.submittedBy(AWAITING_APPROVAL, cutoff, BATCH, this.dataSource.manager);
    return this.record(
      'approvals-waiting',
      drafts.map((draft) => ({
        kind: 'approval_waiting',
        dedupeKey: `approval-waiting:${draft.id}:${draft.submittedAt}`,
        subjectType: 'draft',
        subjectId: draft.id,
        message: 'A draft has waited more than 48 hours for approval.',
        details: { accountId: draft.accountId, waitingSince: draft.submittedAt },
      })),
    );
  }

  /** Notifies what is new, with one audit entry for the run when there was anything new. */
  private async record(job: string, items: NewNotification[]): Promise<CheckResult> {
    if (items.length === 0) return { found: 0, notified: 0 };
    const fresh = await this.transactions.run(async (manager) => {
      const fresh = await this.notifications.notify(manager, items);
      if (fresh.length > 0) {
        await this.writePath.record(manager, {
          actorId: null,
          action: 'job.notified',
          subjectType: 'job',
          subjectId: job,
          details: { notifications: fresh.map((item) => ({ id: item.id, kind: item.kind, subjectId: item.subjectId })) },
        });
      }
      return fresh;
    });
    return { found: items.length, notified: fresh.length };
  }
}
