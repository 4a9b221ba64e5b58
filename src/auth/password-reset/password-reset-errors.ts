import { DomainError } from '../../common/errors/domain-error';

export class ResetTokenInvalidError extends DomainError {
  readonly code = 'RESET_TOKEN_INVALID';
  readonly kind = 'validation';
  constructor() {
    super('This reset link is not valid: it was used already, has expired, or was never issued. Ask for a new one.');
  }
}
