import { ruleError } from '../common/errors/domain-error';

export class AlreadyLeftError extends ruleError('ALREADY_LEFT', 'conflict', 'This person has already left.') {}

export class InvalidTransferTargetError extends ruleError('INVALID_TRANSFER_TARGET', 'validation', 'Work can only be handed to another active staff member.', () => [{ field: 'transferToId', problems: ['is not another active staff member'] }]) {}

export class NotLeftError extends ruleError('NOT_LEFT', 'conflict', 'This person has not left, so there is nothing to reinstate.') {}
