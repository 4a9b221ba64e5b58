import { DomainError } from '../common/errors/domain-error';

/** The platform's client id or secret is not configured: nobody can sign in to it from Gatehouse yet. */
export class PlatformAppNotConfiguredError extends DomainError {
  readonly code = 'PLATFORM_APP_NOT_CONFIGURED';
  readonly kind = 'conflict';
  constructor(platform: string, variables: string[]) {
    super(`Gatehouse has no ${platform} app configured; an administrator must set ${variables.join(' and ')}.`, { platform, variables });
  }
}

/** The platform login used for the connection does not manage the account being reconnected. */
export class AccountNotGrantedError extends DomainError {
  readonly code = 'ACCOUNT_NOT_GRANTED';
  readonly kind = 'conflict';
  constructor(externalId: string) {
    super(`The platform login used does not manage ${externalId}; sign in with a login that administers it, and tick it on the consent page.`);
  }
}

/** The platform could not be asked (no answer, or not a usable one); nothing was changed. */
export class PlatformUnavailableError extends DomainError {
  readonly code = 'PLATFORM_UNAVAILABLE';
  readonly kind = 'unavailable';
  constructor(message: string) {
    super(message);
  }
}
