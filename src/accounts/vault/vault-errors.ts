import { DomainError } from '../../common/errors/domain-error';

/** The stored ciphertext fails authentication: tampered with, moved from another account, or a different key. */
export class CredentialsUnreadableError extends DomainError {
  readonly code = 'CREDENTIALS_UNREADABLE';
  readonly kind = 'unavailable';
  constructor(accountId: string) {
    super(`The stored credentials of account ${accountId} cannot be read; replace them.`);
  }
}
