import { ruleError } from '../common/errors/domain-error';

export class SelfAuthorisationForbiddenError extends ruleError('SELF_AUTHORISATION_FORBIDDEN', 'forbidden', 'Nobody can authorise themselves; another manager must grant you access.') {}

export class StaffNotActiveError extends ruleError('STAFF_NOT_ACTIVE', 'conflict', 'Only an active staff member can be authorised.') {}

export class TrainingNotCompletedError extends ruleError('TRAINING_NOT_COMPLETED', 'conflict', 'This staff member has not completed social media training in the last 12 months.') {}

export class AlreadyAuthorisedError extends ruleError('ALREADY_AUTHORISED', 'conflict', 'This staff member is already authorised on this account.', (authorisationId: string) => ({ authorisationId })) {}
