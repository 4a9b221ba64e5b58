import { Offboarding } from './offboarding.entity';
import { OffboardingTask, OffboardingTaskKind, OffboardingTaskStatus } from './offboarding-task.entity';

export interface OffboardingTaskView {
  id: string;
  accountId: string;
  kind: OffboardingTaskKind;
  status: OffboardingTaskStatus;
}

/** API.md section 13: what auditors read about one leave. */
export interface OffboardingReportView {
  staffId: string;
  reason: string;
  effectiveAt: string;
  completedAt: string | null;
  actorId: string | null;
  revokedAuthorisations: string[];
  sessionsRevoked: number;
  draftsTransferred: string[];
  submissionsReturned: string[];
  postsHeld: string[];
  accountsRequiringCredentialRotation: string[];
  tasks: OffboardingTaskView[];
}

/** What offboarding now would do; tasks have no id yet. */
export interface OffboardingPreviewView extends Omit<OffboardingReportView, 'reason' | 'effectiveAt' | 'completedAt' | 'actorId' | 'tasks'> {
  /** The one person taking over every draft, or null when each draft goes to its account's owner. */
  transferToId: string | null;
  tasks: { id: null; accountId: string; kind: OffboardingTaskKind; status: 'open' }[];
}

export const toTaskView = (task: OffboardingTask): OffboardingTaskView => ({ id: task.id, accountId: task.accountId, kind: task.kind, status: task.status });

export function toReportView(offboarding: Offboarding, tasks: OffboardingTask[]): OffboardingReportView {
  return {
    staffId: offboarding.staffId,
    reason: offboarding.reason,
    effectiveAt: offboarding.effectiveAt,
    completedAt: offboarding.completedAt,
    actorId: offboarding.actorId,
    revokedAuthorisations: offboarding.revokedAuthorisations,
    sessionsRevoked: offboarding.sessionsRevoked,
    draftsTransferred: offboarding.draftsTransferred,
    submissionsReturned: offboarding.submissionsReturned,
    postsHeld: offboarding.postsHeld,
    accountsRequiringCredentialRotation: offboarding.accountsRequiringCredentialRotation,
    tasks: tasks.map(toTaskView),
  };
}
