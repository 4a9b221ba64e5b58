import { ruleError } from '../common/errors/domain-error';

export class SelfApprovalForbiddenError extends ruleError('SELF_APPROVAL_FORBIDDEN', 'forbidden', 'You cannot approve a draft you wrote or own; another manager must approve it.') {}

export class RevisionMismatchError extends ruleError('REVISION_MISMATCH', 'conflict', 'The draft has changed since you read it; review the current revision.', (currentRevisionId: string) => ({ currentRevisionId })) {}

export class AccountNotPublishableError extends ruleError('ACCOUNT_NOT_PUBLISHABLE', 'conflict', 'The account cannot publish now (it is not active, has no DPIA in force, or lacks working credentials).') {}

export class ConsentOutstandingError extends ruleError('CONSENT_OUTSTANDING', 'conflict', 'Colleagues shown in the media have not all given consent.', (consent: { pending: number; refused: number }) => consent) {}

export class AlreadyApprovedError extends ruleError('ALREADY_APPROVED', 'conflict', 'You have already approved this revision; another manager must give the second approval.') {}
