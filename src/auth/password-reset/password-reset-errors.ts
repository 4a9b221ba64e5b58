import { ruleError } from '../../common/errors/domain-error';

export class ResetTokenInvalidError extends ruleError('RESET_TOKEN_INVALID', 'validation', 'This reset link is not valid: it was used already, has expired, or was never issued. Ask for a new one.') {}
