import { DomainError } from '../common/errors/domain-error';

export class SelfApprovalForbiddenError extends DomainError {
  readonly code = 'SELF_APPROVAL_FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('You cannot approve a draft you wrote or own; another manager must approve it.');
  }
}

export class RevisionMismatchError extends DomainError {
  readonly code = 'REVISION_MISMATCH';
  readonly kind = 'conflict';
  constructor(currentRevisionId: string) {
    super('The draft has changed since you read it; review the current revision.', { currentRevisionId });
  }
}

export class AccountNotPublishableError extends DomainError {
  readonly code = 'ACCOUNT_NOT_PUBLISHABLE';
  readonly kind = 'conflict';
  constructor() {
    super('The account cannot publish now (it is not active, has no DPIA in force, or lacks working credentials).');
  }
}

export class ConsentOutstandingError extends DomainError {
  readonly code = 'CONSENT_OUTSTANDING';
  readonly kind = 'conflict';
  constructor(consent: { pending: number; refused: number }) {
    super('Colleagues shown in the media have not all given consent.', consent);
  }
}

export class AlreadyApprovedError extends DomainError {
  readonly code = 'ALREADY_APPROVED';
  readonly kind = 'conflict';
  constructor() {
    super('You have already approved this revision; another manager must give the second approval.');
  }
}
