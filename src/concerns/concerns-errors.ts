import { DomainError } from '../common/errors/domain-error';

export class BreachUndecidedError extends DomainError {
  readonly code = 'BREACH_UNDECIDED';
  readonly kind = 'conflict';
  constructor(icoDeadline: string | null) {
    super('This concern involves a personal data breach with no decision yet: decide whether it is reportable to the ICO first.', { icoDeadline });
  }
}
