import { seesAllAccounts } from '../accounts/account-rules';
import { seesAllDrafts } from '../drafts/draft-rules';
import type { Caller } from './caller';
import { Permission, rolesGrant } from './permissions';

/**
 * What the caller may do beyond any one resource (add an account, open the approval queue...), for
 * GET /me's `callerActions`: each is the permission the route's guard checks, or the scope rule the
 * service lists with, so the web app offers what the server accepts and decides nothing by role.
 */
export const CALLER_ACTIONS = {
  create_staff: Permission.StaffCreate,
  list_staff: Permission.StaffList,
  create_account: Permission.AccountCreate,
  create_policy: Permission.PolicyCreate,
  read_policy_acknowledgements: Permission.PolicyAcknowledgementReport,
  grant_authorisations: Permission.AuthorisationGrant,
  review_drafts: Permission.DraftReview,
  read_dpias: Permission.DpiaRead,
  sign_off_dpias: Permission.DpiaSignOff,
  read_compliance: Permission.ComplianceReportRead,
  read_content_rules: Permission.ContentRulesRead,
  investigate_concerns: Permission.ConcernInvestigate,
  resolve_concerns: Permission.ConcernResolve,
  read_audit: Permission.AuditRead,
  verify_audit: Permission.AuditVerify,
  complete_offboarding_tasks: Permission.OffboardingTaskComplete,
  see_all_accounts: seesAllAccounts,
  see_all_drafts: seesAllDrafts,
} as const satisfies Record<string, Permission | ((caller: Caller) => boolean)>;

export type CallerAction = keyof typeof CALLER_ACTIONS;

export function callerActions(caller: Caller): CallerAction[] {
  return (Object.entries(CALLER_ACTIONS) as [CallerAction, Permission | ((caller: Caller) => boolean)][])
    .filter(([, rule]) => (typeof rule === 'function' ? rule(caller) : rolesGrant(caller.roles, rule)))
    .map(([action]) => action);
}
