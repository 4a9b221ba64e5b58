import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { ResourceRules } from '../common/access/resource-rules';
import { DomainError } from '../common/errors/domain-error';
import { ForbiddenError, InvalidStateError } from '../common/errors/generic-errors';
import { Transactions } from '../common/database/transactions';
import { CONCERN_LIFECYCLE, ConcernAction } from './concern-lifecycle';
import { canSee, seesAsInvestigator } from './concern-visibility';
import { Concern } from './concern.entity';
import { BreachUndecidedError } from './concerns-errors';

/**
 * What may be done to a concern (API.md section 17), in the order the answers come: unseen is a 404, a
 * reporter who is not investigating it a 403, then the lifecycle, then the breach.
 */
@Injectable()
export class ConcernRules implements ResourceRules<Concern, ConcernAction, undefined> {
  readonly type = 'concern';
  readonly actions: Record<ConcernAction, Permission> = {
    add_note: Permission.ConcernNoteAdd,
    assign: Permission.ConcernAssign,
    seek_hr_advice: Permission.ConcernHrAdvice,
    decide_breach: Permission.ConcernBreachDecide,
    resolve: Permission.ConcernResolve,
  };

  constructor(private readonly transactions: Transactions) {}

  async load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Concern | null> {
    return this.transactions.findById(manager, Concern, id, options);
  }

  /** Everything the rules need is on the row and the caller. */
  async facts(): Promise<undefined> {
    return undefined;
  }

  visible(caller: Caller, concern: Concern): boolean {
    return canSee(caller, concern);
  }

  refusal(caller: Caller, action: ConcernAction, concern: Concern): DomainError | null {
    if (!seesAsInvestigator(caller, concern)) return new ForbiddenError('Only the people investigating a concern can change it.');
    if (!CONCERN_LIFECYCLE.can(concern.status, action)) return CONCERN_LIFECYCLE.refusal(concern.status, action);
    if (action === 'decide_breach' && !concern.hasBreach()) {
      return new InvalidStateError('This concern does not involve personal data, so there is no breach to decide.', { status: concern.status });
    }
    if (action === 'resolve' && concern.breachUndecided()) return new BreachUndecidedError(concern.breachIcoDeadline);
    return null;
  }
}
