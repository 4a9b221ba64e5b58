import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, RefColumn, StringColumn } from '../common/database/entity-columns';
import { Role } from './role';
import { STAFF_LIFECYCLE, staffHasAccessAt } from './staff-lifecycle';

export type StaffStatus = 'active' | 'left';
export { staffHasAccessAt };

@Entity('staff')
export class StaffMember {
  @IdColumn() id: string;
  @StringColumn(320) email: string;
  /** Lower-cased email, unique: emails compare case-insensitively. Null once deleted, so the address can be used again. */
  @StringColumn(320, true) emailKey: string | null;
  @StringColumn(200) displayName: string;
  @JsonColumn() roles: Role[];
  @StringColumn(10) status: StaffStatus;
  @InstantColumn(true) leavingAt: string | null;
  @InstantColumn(true) leftAt: string | null;
  @RefColumn(true) lineManagerId: string | null;
  @InstantColumn(true) trainingCompletedAt: string | null;
  /** Null for people created by an identity provider until a password is set. */
  @StringColumn(200, true) passwordHash: string | null;
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;
  /** Set when the identity provider deleted the person: the record and its history stay, hidden from SCIM. */
  @InstantColumn(true) deletedAt: string | null;

  hasRole(role: Role): boolean {
    return this.roles.includes(role);
  }

  /** Access ends at the leaving instant, whether or not the offboarding job has run. */
  hasAccessAt(nowIso: string): boolean {
    return staffHasAccessAt(this, nowIso);
  }

  hasLeft(): boolean {
    return STAFF_LIFECYCLE.is(this, 'left');
  }
}

