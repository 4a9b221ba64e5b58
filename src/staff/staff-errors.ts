import { ruleError } from '../common/errors/domain-error';

export class EmailTakenError extends ruleError('EMAIL_TAKEN', 'conflict', 'Someone already uses that email address.') {}

export class LastAdminError extends ruleError('LAST_ADMIN', 'conflict', 'This would leave no active admin; make someone else an admin first.') {}
