import { ruleError } from '../common/errors/domain-error';

/** The platform's client id or secret is not configured: nobody can sign in to it from Gatehouse yet. */
export class PlatformAppNotConfiguredError extends ruleError(
  'PLATFORM_APP_NOT_CONFIGURED',
  'conflict',
  (platform: string, variables: string[]) => `Gatehouse has no ${platform} app configured; an administrator must set ${variables.join(' and ')}.`,
  (platform, variables) => ({ platform, variables }),
) {}

/** The platform login used for the connection does not manage the account being reconnected. */
export class AccountNotGrantedError extends ruleError('ACCOUNT_NOT_GRANTED', 'conflict', (externalId: string) => `The platform login used does not manage ${externalId}; sign in with a login that administers it, and tick it on the consent page.`) {}

/** The platform could not be asked (no answer, or not a usable one); nothing was changed. */
export class PlatformUnavailableError extends ruleError('PLATFORM_UNAVAILABLE', 'unavailable', (message: string) => message) {}
