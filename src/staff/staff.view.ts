import { Role } from './role';
import { StaffMember, StaffStatus } from './staff.entity';

export interface PolicyAcknowledgementView {
  policyVersion: string;
  acknowledgedAt: string;
}

/** What the API shows of a staff member: never a password hash or a token. */
export interface StaffView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  status: StaffStatus;
  leavingAt: string | null;
  leftAt: string | null;
  lineManagerId: string | null;
  trainingCompletedAt: string | null;
  policyAcknowledgement: PolicyAcknowledgementView | null;
  createdAt: string;
  /** What the caller may do to this record now (API.md section 19; STAFF_ACTIONS in staff-rules.ts). */
  allowedActions: string[];
}

/** What a view is made from: a StaffMember, or a row with the same columns. */
export type StaffViewSource = Pick<StaffMember, 'id' | 'email' | 'displayName' | 'roles' | 'status' | 'leavingAt' | 'leftAt' | 'lineManagerId' | 'trainingCompletedAt' | 'createdAt'>;

export function toStaffView(staff: StaffViewSource, acknowledgement: PolicyAcknowledgementView | null, allowedActions: string[]): StaffView {
  return {
    id: staff.id,
    email: staff.email,
    displayName: staff.displayName,
    roles: staff.roles,
    status: staff.status,
    leavingAt: staff.leavingAt,
    leftAt: staff.leftAt,
    lineManagerId: staff.lineManagerId,
    trainingCompletedAt: staff.trainingCompletedAt,
    policyAcknowledgement: acknowledgement,
    createdAt: staff.createdAt,
    allowedActions,
  };
}
