import { ruleError } from '../common/errors/domain-error';

export class BreachUndecidedError extends ruleError('BREACH_UNDECIDED', 'conflict', 'This concern involves a personal data breach with no decision yet: decide whether it is reportable to the ICO first.', (icoDeadline: string | null) => ({ icoDeadline })) {}
