import { DomainError } from '../common/errors/domain-error';

export class AccountClosedError extends DomainError {
  readonly code = 'ACCOUNT_CLOSED';
  readonly kind = 'conflict';
  constructor() {
    super('This account is closed; closing is final.');
  }
}

export class DpiaNotApprovedError extends DomainError {
  readonly code = 'DPIA_NOT_APPROVED';
  readonly kind = 'conflict';
  constructor() {
    super('The account needs a DPIA signed off by the DPO, and not past its review date, before it can be activated.');
  }
}

export class CredentialsMissingError extends DomainError {
  readonly code = 'CREDENTIALS_MISSING';
  readonly kind = 'conflict';
  constructor() {
    super('A live account needs platform credentials before it can be activated.');
  }
}
