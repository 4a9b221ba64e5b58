import { Role, ROLES } from '../staff/role';

/** Everything a route can require. Which roles hold each is decided here and nowhere else. */
export enum Permission {
  StaffCreate = 'staff.create',
  StaffList = 'staff.list',
  StaffUpdate = 'staff.update',
  PolicyCreate = 'policy.create',
  PolicyAcknowledgementReport = 'policy.acknowledgements.read',
  AuditRead = 'audit.read',
  AuditVerify = 'audit.verify',
  AuditExport = 'audit.export',
  AuditHead = 'audit.head',
  AuditPublicKey = 'audit.public-key',
  AccountCreate = 'account.create',
  AccountUpdate = 'account.update',
  AccountCredentials = 'account.credentials',
  AccountPlatformAdmins = 'account.platform-admins',
  AccountStatus = 'account.status',
  AccountClose = 'account.close',
  DpiaRead = 'dpia.read',
  DpiaEdit = 'dpia.edit',
  DpiaSignOff = 'dpia.sign-off',
  AuthorisationGrant = 'authorisation.grant',
  AuthorisationList = 'authorisation.list',
  AuthorisationRevoke = 'authorisation.revoke',
  /** Read the approval queue (each decision on a draft has its own permission below). */
  DraftReview = 'draft.review',
  PlatformTasks = 'platform-tasks',
  QueueDashboard = 'queue.dashboard',
  StaffOffboard = 'staff.offboard',
  StaffReinstate = 'staff.reinstate',
  OffboardingReportRead = 'offboarding.report.read',
  OffboardingTaskComplete = 'offboarding.task.complete',
  NotificationsRead = 'notifications.read',
  ComplianceReportRead = 'reports.compliance.read',
  /** Ask the platform whether an account's stored token still works. */
  AccountCredentialsCheck = 'account.credentials.check',
  ContentRulesRead = 'content-rules.read',
  ContentRulesEdit = 'content-rules.edit',
  /** Take notes on the concerns the caller may see. */
  ConcernInvestigate = 'concern.investigate',
  /** Assign, record HR advice, resolve. */
  ConcernManage = 'concern.manage',
  ConcernBreachDecide = 'concern.breach.decide',
  // publishing
  /** Send a failed post again. */
  DraftRetry = 'draft.retry',
  /** Settle an unconfirmed post from what the platform shows. */
  DraftReconcile = 'draft.reconcile',
  /** Delete a published post on the platform. */
  DraftTakeDown = 'draft.take-down',
  // accounts, connections, dpia
  AccountSuspend = 'account.suspend',
  AccountReconnect = 'account.reconnect',
  AccountPlatformAdminRemove = 'account.platform-admins.remove',
  DpiaNewVersion = 'dpia.new-version',
  DpiaSubmit = 'dpia.submit',
  DpiaReject = 'dpia.reject',
  ConnectionChoose = 'connection.choose',
  /** List what a sandbox account published (account-rules.ts: managers, admins and staff authorised on it). */
  AccountSandboxPostsRead = 'account.sandbox-posts.read',
  // end accounts, connections, dpia
  // drafts: one permission per draft action (src/drafts/draft-rules.ts holds the rest of each rule)
  DraftEdit = 'draft.edit',
  DraftSubmit = 'draft.submit',
  DraftWithdraw = 'draft.withdraw',
  DraftApprove = 'draft.approve',
  DraftRequestChanges = 'draft.request-changes',
  DraftReject = 'draft.reject',
  DraftConfirm = 'draft.confirm',
  DraftRequestRemoval = 'draft.request-removal',
  // end drafts
  // people: one permission per concern action (ConcernBreachDecide is decide_breach's)
  ConcernNoteAdd = 'concern.note.add',
  ConcernAssign = 'concern.assign',
  ConcernHrAdvice = 'concern.hr-advice',
  ConcernResolve = 'concern.resolve',
  /** Read someone else's staff record (one's own is always readable). */
  StaffReadOthers = 'staff.read-others',
  /** Change a staff member's name, roles or line manager (recording training is StaffUpdate's). */
  StaffEditProfile = 'staff.edit-profile',
  /** Ask for a published post to come down without being shown in it. */
  RemovalRequestAnyPost = 'removal-request.any-post',
  // end people
  // web actions: staff (src/staff/staff-rules.ts holds the rest of each rule)
  /** Cancel a leave set for a future instant. */
  StaffCancelLeave = 'staff.offboard.cancel',
  /** Email someone a password reset link (a SCIM user's first password). */
  StaffPasswordReset = 'staff.password-reset',
  // end web actions
}

export const ROLES_BY_PERMISSION: Record<Permission, readonly Role[]> = {
  [Permission.StaffCreate]: ['admin'],
  [Permission.StaffList]: ['admin', 'manager'],
  // A manager may set training dates only; the staff service enforces the field-level rule.
  [Permission.StaffUpdate]: ['admin', 'manager'],
  [Permission.PolicyCreate]: ['admin', 'manager'],
  [Permission.PolicyAcknowledgementReport]: ['admin', 'manager'],
  [Permission.AuditRead]: ['admin', 'manager', 'dpo'],
  [Permission.AuditVerify]: ['admin', 'dpo'],
  [Permission.AuditExport]: ['admin', 'dpo'],
  [Permission.AuditHead]: ['admin', 'dpo'],
  [Permission.AuditPublicKey]: ['admin', 'dpo'],
  [Permission.AccountCreate]: ['admin'],
  [Permission.AccountUpdate]: ['admin'],
  [Permission.AccountCredentials]: ['admin'],
  [Permission.AccountPlatformAdmins]: ['admin', 'manager'],
  // Activate and suspend.
  [Permission.AccountStatus]: ['admin', 'manager'],
  [Permission.AccountClose]: ['admin'],
  [Permission.DpiaRead]: ['admin', 'manager', 'dpo'],
  [Permission.DpiaEdit]: ['admin', 'manager'],
  [Permission.DpiaSignOff]: ['dpo'],
  [Permission.AuthorisationGrant]: ['manager'],
  [Permission.AuthorisationList]: ['admin', 'manager'],
  [Permission.AuthorisationRevoke]: ['admin', 'manager'],
  [Permission.DraftReview]: ['manager'],
  [Permission.PlatformTasks]: ['admin', 'manager'],
  [Permission.QueueDashboard]: ['admin'],
  [Permission.StaffOffboard]: ['admin'],
  [Permission.StaffReinstate]: ['admin'],
  [Permission.OffboardingReportRead]: ['admin', 'manager'],
  [Permission.OffboardingTaskComplete]: ['admin', 'manager'],
  [Permission.NotificationsRead]: ['admin', 'manager'],
  [Permission.ComplianceReportRead]: ['admin', 'manager', 'dpo'],
  [Permission.AccountCredentialsCheck]: ['admin', 'manager'],
  [Permission.ContentRulesRead]: ['admin', 'manager'],
  [Permission.ContentRulesEdit]: ['manager'],
  [Permission.ConcernInvestigate]: ['manager', 'safeguarding_lead', 'dpo'],
  [Permission.ConcernManage]: ['manager'],
  [Permission.ConcernBreachDecide]: ['dpo', 'manager'],
  // publishing
  [Permission.DraftRetry]: ['manager'],
  [Permission.DraftReconcile]: ['manager'],
  [Permission.DraftTakeDown]: ['manager'],
  // accounts, connections, dpia: AccountStatus is activate, AccountCredentials is set_credentials, DpiaEdit is edit, DpiaSignOff is approve.
  [Permission.AccountSuspend]: ['admin', 'manager'],
  [Permission.AccountReconnect]: ['admin'],
  [Permission.AccountPlatformAdminRemove]: ['admin', 'manager'],
  [Permission.DpiaNewVersion]: ['admin', 'manager'],
  [Permission.DpiaSubmit]: ['admin', 'manager'],
  [Permission.DpiaReject]: ['dpo'],
  [Permission.ConnectionChoose]: ['admin'],
  // Every role: an authorisation on the account, whatever the role, is enough (account-rules.ts decides).
  [Permission.AccountSandboxPostsRead]: ROLES,
  // end accounts, connections, dpia
  // drafts: whoever owns a draft may edit, submit and withdraw it, whatever their role; a colleague shown may ask removal
  [Permission.DraftEdit]: ROLES,
  [Permission.DraftSubmit]: ROLES,
  [Permission.DraftWithdraw]: ROLES,
  [Permission.DraftApprove]: ['manager'],
  [Permission.DraftRequestChanges]: ['manager'],
  [Permission.DraftReject]: ['manager'],
  [Permission.DraftConfirm]: ['manager'],
  [Permission.DraftRequestRemoval]: ROLES,
  // end drafts
  // people
  [Permission.ConcernNoteAdd]: ['manager', 'safeguarding_lead', 'dpo'],
  [Permission.ConcernAssign]: ['manager'],
  [Permission.ConcernHrAdvice]: ['manager'],
  [Permission.ConcernResolve]: ['manager'],
  [Permission.StaffReadOthers]: ['admin', 'manager'],
  [Permission.StaffEditProfile]: ['admin'],
  [Permission.RemovalRequestAnyPost]: ['manager'],
  // end people
  // web actions
  [Permission.StaffCancelLeave]: ['admin'],
  [Permission.StaffPasswordReset]: ['admin'],
  // end web actions
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return ROLES_BY_PERMISSION[permission].some((role) => roles.includes(role));
}
