import { DomainError } from '../common/errors/domain-error';

export class SelfAuthorisationForbiddenError extends DomainError {
  readonly code = 'SELF_AUTHORISATION_FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('Nobody can authorise themselves; another manager must grant you access.');
  }
}

export class StaffNotActiveError extends DomainError {
  readonly code = 'STAFF_NOT_ACTIVE';
  readonly kind = 'conflict';
  constructor() {
    super('Only an active staff member can be authorised.');
  }
}

export class TrainingNotCompletedError extends DomainError {
  readonly code = 'TRAINING_NOT_COMPLETED';
  readonly kind = 'conflict';
  constructor() {
    super('This staff member has not completed social media training in the last 12 months.');
  }
}

export class AlreadyAuthorisedError extends DomainError {
  readonly code = 'ALREADY_AUTHORISED';
  readonly kind = 'conflict';
  constructor(authorisationId: string) {
    super('This staff member is already authorised on this account.', { authorisationId });
  }
}
