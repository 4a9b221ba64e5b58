import { DomainError } from '../common/errors/domain-error';

export class DpiaIncompleteError extends DomainError {
  readonly code = 'DPIA_INCOMPLETE';
  readonly kind = 'conflict';
  constructor(missing: string[]) {
    super('A DPIA needs a purpose and at least one assessed risk before it is submitted.', { missing });
  }
}

export class SelfSignOffForbiddenError extends DomainError {
  readonly code = 'SELF_SIGN_OFF_FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('You submitted or wrote part of this DPIA, so another DPO must sign it off.');
  }
}

export class HighResidualRiskError extends DomainError {
  readonly code = 'HIGH_RESIDUAL_RISK';
  readonly kind = 'conflict';
  constructor() {
    super('A DPIA with a high residual risk can be approved only after prior consultation with the ICO; give its icoConsultationReference.');
  }
}
