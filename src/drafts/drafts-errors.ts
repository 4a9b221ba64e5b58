import { DomainError } from '../common/errors/domain-error';
import { Finding } from '../content-checks/finding';

export class NotAuthorisedForAccountError extends DomainError {
  readonly code = 'NOT_AUTHORISED_FOR_ACCOUNT';
  readonly kind = 'forbidden';
  constructor() {
    super('You do not hold an authorisation to post for this account.');
  }
}

export class ContentCheckFailedError extends DomainError {
  readonly code = 'CONTENT_CHECK_FAILED';
  readonly kind = 'unprocessable';
  constructor(findings: Finding[]) {
    super('The content checks found something that must be fixed before this can be submitted.', findings);
  }
}

export class NotDraftOwnerError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(what: string) {
    super(`Only the draft's owner can ${what}.`);
  }
}
