import { ruleError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends ruleError('INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is not right.') {}

export class WrongCurrentPasswordError extends ruleError('VALIDATION_FAILED', 'validation', 'The current password is not right.', () => [{ field: 'currentPassword', problems: ['does not match'] }]) {}
