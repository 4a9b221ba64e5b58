import { DomainError } from '../common/errors/domain-error';

export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN';
  readonly kind = 'conflict';
  constructor() {
    super('Someone already uses that email address.');
  }
}

export class LastAdminError extends DomainError {
  readonly code = 'LAST_ADMIN';
  readonly kind = 'conflict';
  constructor() {
    super('This would leave no active admin; make someone else an admin first.');
  }
}
