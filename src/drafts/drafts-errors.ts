import { ruleError } from '../common/errors/domain-error';
import { Finding } from '../content-checks/finding';

export class NotAuthorisedForAccountError extends ruleError('NOT_AUTHORISED_FOR_ACCOUNT', 'forbidden', 'You do not hold an authorisation to post for this account.') {}

export class ContentCheckFailedError extends ruleError('CONTENT_CHECK_FAILED', 'unprocessable', 'The content checks found something that must be fixed before this can be submitted.', (findings: Finding[]) => findings) {}

export class NotDraftOwnerError extends ruleError('FORBIDDEN', 'forbidden', (what: string) => `Only the draft's owner can ${what}.`) {}
