import { Failure } from '../drafts/draft.entity';

/** Why the worker held a post instead of publishing it. */
export const HELD_NOT_PUBLISHABLE = (why: string): Failure => ({ code: 'ACCOUNT_NOT_PUBLISHABLE', message: `Held: ${why}` });
export const HELD_APPROVAL_VOID: Failure = {
  code: 'APPROVAL_NOT_CURRENT',
  message: 'Held: the approval no longer stands for the current revision.',
};
export const HELD_CONSENT_OUTSTANDING: Failure = {
  code: 'CONSENT_OUTSTANDING',
  message: 'Held: a colleague shown in the media has refused consent, or not yet given it.',
};
export const OUTCOME_UNKNOWN = (detail: string): Failure => ({
  code: 'OUTCOME_UNKNOWN',
  message: `The platform's answer was lost (${detail}); check the account and reconcile.`,
});
