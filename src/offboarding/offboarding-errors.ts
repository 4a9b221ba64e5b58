import { DomainError } from '../common/errors/domain-error';

export class AlreadyLeftError extends DomainError {
  readonly code = 'ALREADY_LEFT';
  readonly kind = 'conflict';
  constructor() {
    super('This person has already left.');
  }
}

export class InvalidTransferTargetError extends DomainError {
  readonly code = 'INVALID_TRANSFER_TARGET';
  readonly kind = 'validation';
  constructor() {
    super('Work can only be handed to another active staff member.', [{ field: 'transferToId', problems: ['is not another active staff member'] }]);
  }
}

export class NotLeftError extends DomainError {
  readonly code = 'NOT_LEFT';
  readonly kind = 'conflict';
  constructor() {
    super('This person has not left, so there is nothing to reinstate.');
  }
}
