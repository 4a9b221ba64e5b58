import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import type { StaffMember, StaffStatus } from './staff.entity';

export type StaffAction = 'offboard' | 'reinstate';

/**
 * A person works here until they leave, and may come back. A leave set for a future instant is a field
 * (`leavingAt`), not a state: access ends at that instant whether or not the move has been applied.
 */
export const STAFF_LIFECYCLE = new Lifecycle<StaffStatus, StaffAction, StaffMember>({
  subjectType: 'staff',
  // By name: the entity's own access rule asks this lifecycle, so importing the class here would be a cycle.
  entity: 'StaffMember',
  states: ['active', 'left'],
  initial: 'active',
  happenedNames: { offboard: 'offboarded', reinstate: 'reinstated' },
  transitions: [
    { from: 'active', action: 'offboard', to: 'left' },
    { from: 'left', action: 'reinstate', to: 'active' },
  ],
  refusal: (from, action) =>
    new InvalidStateError(action === 'offboard' ? 'This person has already left.' : 'This person has not left, so there is nothing to reinstate.', { status: from, action }),
});

/** The state of someone who has left (set by the offboarding move, undone by reinstatement). */
export const LEFT: StaffStatus = STAFF_LIFECYCLE.next('active', 'offboard');

/** Access ends at the leaving instant, whether or not the offboarding job has run. */
export function staffHasAccessAt(staff: Pick<StaffMember, 'status' | 'leavingAt'>, nowIso: string): boolean {
  return STAFF_LIFECYCLE.is(staff, 'active') && (staff.leavingAt === null || staff.leavingAt > nowIso);
}
