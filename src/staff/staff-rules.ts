import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';
import { Permission, rolesGrant } from '../auth/permissions';
import { ResourceRules } from '../common/access/resource-rules';
import { Clock } from '../common/clock';
import { Transactions } from '../common/database/transactions';
import { DomainError } from '../common/errors/domain-error';
import { InvalidStateError } from '../common/errors/generic-errors';
import { AlreadyLeftError, NotLeftError } from '../offboarding/offboarding-errors';
import { StaffMember } from './staff.entity';

export const STAFF_ACTIONS = ['record_training', 'edit', 'reset_password', 'offboard', 'cancel_leave', 'reinstate'] as const;
export type StaffRuleAction = (typeof STAFF_ACTIONS)[number];

/** The instant the rules are read at: a leave set for the future still leaves access until then. */
export interface StaffFacts {
  nowIso: string;
}

/**
 * What may be done to a staff record (API.md sections 4 and 13), for both the services' checks and
 * `allowedActions`. `edit` is any change but training (name, roles, line manager); LAST_ADMIN stays
 * the service's, since it depends on the change asked for.
 */
@Injectable()
export class StaffRules implements ResourceRules<StaffMember, StaffRuleAction, StaffFacts> {
  readonly type = 'staff member';
  readonly actions = {
    record_training: Permission.StaffUpdate,
    edit: Permission.StaffEditProfile,
    reset_password: Permission.StaffPasswordReset,
    offboard: Permission.StaffOffboard,
    cancel_leave: Permission.StaffCancelLeave,
    reinstate: Permission.StaffReinstate,
  } as const;

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<StaffMember | null> {
    return this.transactions.findById(manager, StaffMember, id, options);
  }

  async facts(): Promise<StaffFacts> {
    return { nowIso: this.clock.nowIso() };
  }

  /** One's own record, always; anyone else's with the right to read others. */
  visible(caller: Caller, row: StaffMember): boolean {
    return row.id === caller.staffId || rolesGrant(caller.roles, Permission.StaffReadOthers);
  }

  refusal(_caller: Caller, action: StaffRuleAction, person: StaffMember, { nowIso }: StaffFacts): DomainError | null {
    switch (action) {
      case 'record_training':
      case 'edit':
        // API.md section 4 sets no state on PATCH: a leaver's record can still be corrected (access stays ended).
        return null;
      case 'reset_password':
        return person.hasAccessAt(nowIso) ? null : new InvalidStateError('This person has left or is not active: no reset email can be sent.');
      case 'offboard':
        return person.hasLeft() ? new AlreadyLeftError() : null;
      case 'cancel_leave':
        return !person.hasLeft() && person.leavingAt !== null && person.leavingAt > nowIso ? null : new InvalidStateError('There is no leave in the future to cancel.', { leavingAt: person.leavingAt });
      case 'reinstate':
        // A leave whose instant has passed counts as left, even before its job has run.
        return person.hasAccessAt(nowIso) ? new NotLeftError() : null;
    }
  }
}
