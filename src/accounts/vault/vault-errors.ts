import { ruleError } from '../../common/errors/domain-error';

/** The stored ciphertext fails authentication: tampered with, moved from another account, or a different key. */
export class CredentialsUnreadableError extends ruleError('CREDENTIALS_UNREADABLE', 'unavailable', (accountId: string) => `The stored credentials of account ${accountId} cannot be read; replace them.`) {}
