import { Account, AccountPlatformAdmin } from '../../accounts/account.entity';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { Authorisation } from '../../authorisations/authorisation.entity';
import { DraftApproval } from '../../publishing/draft-approval.entity';
import { PublishOutbox } from '../../publishing/publish-outbox.entity';
import { ConsentRequest } from '../../consent/consent-request.entity';
import { DraftEvent } from '../../drafts/draft-event.entity';
import { DraftRevision } from '../../drafts/draft-revision.entity';
import { Draft } from '../../drafts/draft.entity';
import { Media } from '../../media/media.entity';
import { Dpia } from '../../dpia/dpia.entity';
import { LoginAttempt } from '../../auth/login-attempt.entity';
import { Session } from '../../auth/session.entity';
import { PolicyAcknowledgement } from '../../policy/policy-acknowledgement.entity';
import { Policy } from '../../policy/policy.entity';
import { StaffMember } from '../../staff/staff.entity';
import { PlatformTask } from '../../publishing/platform-task.entity';
import { PublishAttempt } from '../../publishing/publish-attempt.entity';
import { SandboxPost } from '../../publishing/sandbox-post.entity';
import { Offboarding } from '../../offboarding/offboarding.entity';
import { OffboardingTask } from '../../offboarding/offboarding-task.entity';
import { ScimUser } from '../../scim/scim-user.entity';
import { JobLock } from '../../jobs/job-lock.entity';
import { Notification } from '../../tasks/notifications/notification.entity';
import { Connection } from '../../connections/connection.entity';
import { OidcSignIn } from '../../auth/oidc/oidc-sign-in.entity';
import { ContentRuleSettings } from '../../content-checks/rules-store/content-rule-settings.entity';
import { ProtectedName } from '../../content-checks/rules-store/protected-name.entity';
import { TaskNotice } from '../../tasks/task-notice.entity';
import { MailOutbox } from '../../tasks/mail/mail-outbox.entity';
import { NotificationPreference } from '../../tasks/notification-preference.entity';
import { PasswordResetToken } from '../../auth/password-reset/password-reset-token.entity';
import { PasswordResetRequest } from '../../auth/password-reset/password-reset-request.entity';
import { Concern } from '../../concerns/concern.entity';
import { ConcernNote } from '../../concerns/concern-note.entity';
import { RemovalRequest } from '../../concerns/removal-request.entity';

/** Every entity, listed explicitly so the app, tests and CLI load the same set without globbing. */
export const ENTITIES = [
  StaffMember,
  Session,
  LoginAttempt,
  Policy,
  PolicyAcknowledgement,
  AuditEntry,
  Account,
  AccountPlatformAdmin,
  Dpia,
  Authorisation,
  Media,
  Draft,
  DraftRevision,
  DraftEvent,
  DraftApproval,
  ConsentRequest,
  PublishOutbox,
  PublishAttempt,
  SandboxPost,
  PlatformTask,
  Offboarding,
  OffboardingTask,
  ScimUser,
  JobLock,
  Notification,
  Connection,
  OidcSignIn,
  ContentRuleSettings,
  ProtectedName,
  TaskNotice,
  MailOutbox,
  NotificationPreference,
  PasswordResetToken,
  PasswordResetRequest,
  Concern,
  ConcernNote,
  RemovalRequest,
];
