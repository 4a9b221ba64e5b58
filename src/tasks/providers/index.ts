import { TaskProvider } from '../task';
import { acknowledgePolicy } from './acknowledge-policy';
import { activateAccount } from './activate-account';
import { approvePost } from './approve-post';
import { completeOffboardingTask } from './complete-offboarding-task';
import { confirmPost } from './confirm-post';
import { decideBreach } from './decide-breach';
import { fixDraft } from './fix-draft';
import { giveConsent } from './give-consent';
import { reconcilePost } from './reconcile-post';
import { reconnectAccount } from './reconnect-account';
import { reviewDpia } from './review-dpia';
import { reviewPolicy } from './review-policy';
import { signOffDpia } from './sign-off-dpia';
import { triageConcern } from './triage-concern';

/** Every kind of task; a new kind is one file and one line here. */
export const TASK_PROVIDERS: TaskProvider[] = [
  approvePost,
  confirmPost,
  reconcilePost,
  signOffDpia,
  activateAccount,
  giveConsent,
  fixDraft,
  acknowledgePolicy,
  reconnectAccount,
  completeOffboardingTask,
  reviewDpia,
  reviewPolicy,
  triageConcern,
  decideBreach,
];
