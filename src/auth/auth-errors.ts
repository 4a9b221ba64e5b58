import { DomainError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly kind = 'unauthenticated';
  constructor() {
    super('The email or password is not right.');
  }
}

export class WrongCurrentPasswordError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  constructor() {
    super('The current password is not right.', [{ field: 'currentPassword', problems: ['does not match'] }]);
  }
}
