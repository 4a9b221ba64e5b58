import { ruleError } from '../common/errors/domain-error';

export class AccountClosedError extends ruleError('ACCOUNT_CLOSED', 'conflict', 'This account is closed; closing is final.') {}

export class DpiaNotApprovedError extends ruleError('DPIA_NOT_APPROVED', 'conflict', 'The account needs a DPIA signed off by the DPO, and not past its review date, before it can be activated.') {}

export class CredentialsMissingError extends ruleError('CREDENTIALS_MISSING', 'conflict', 'A live account needs platform credentials before it can be activated.') {}
