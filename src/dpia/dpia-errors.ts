import { ruleError } from '../common/errors/domain-error';

export class DpiaIncompleteError extends ruleError('DPIA_INCOMPLETE', 'conflict', 'A DPIA needs a purpose and at least one assessed risk before it is submitted.', (missing: string[]) => ({ missing })) {}

export class SelfSignOffForbiddenError extends ruleError('SELF_SIGN_OFF_FORBIDDEN', 'forbidden', 'You submitted or wrote part of this DPIA, so another DPO must sign it off.') {}

export class HighResidualRiskError extends ruleError('HIGH_RESIDUAL_RISK', 'conflict', 'A DPIA with a high residual risk can be approved only after prior consultation with the ICO; give its icoConsultationReference.') {}
