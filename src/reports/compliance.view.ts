import { Platform } from '../accounts/account.entity';
import { AccountStatus } from '../accounts/account-lifecycle';
import { DpiaStatus } from '../dpia/dpia-lifecycle';

export interface ComplianceAccountView {
  id: string;
  name: string;
  platform: Platform;
  status: AccountStatus;
  publishable: boolean;
  dpiaStatus: DpiaStatus;
  dpiaReviewDueAt: string | null;
  /** How many staff hold an authorisation in effect now. */
  authorisedStaff: number;
  credentialRotationRequired: boolean;
  credentialsInvalid: boolean;
}

/** API.md section 13: the Registered Manager's routine audit in one document. */
export interface ComplianceReportView {
  generatedAt: string;
  accounts: ComplianceAccountView[];
  /** People whose access has ended but who still hold a session or an authorisation. Must be empty. */
  leaversWithAccess: string[];
  staffWithoutPolicyAcknowledgement: string[];
  dpiaReviewsDueWithin30Days: string[];
  openOffboardingTasks: number;
  approvalQueue: { pending: number; oldestWaitingSince: string | null };
  /** Concerns not yet resolved. */
  openConcerns: number;
  /** Personal data breaches with no decision yet, soonest ICO deadline first. */
  breachesAwaitingDecision: { concernId: string; icoDeadline: string }[];
  /** Undecided breaches whose 72 hours have run out. */
  breachesPastDeadline: string[];
}
