import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { Dpia } from './dpia.entity';

export const DPIA_STATES = ['not_started', 'draft', 'awaiting_sign_off', 'approved', 'rejected'] as const;
export type DpiaState = (typeof DPIA_STATES)[number];
export type StoredDpiaStatus = Exclude<DpiaState, 'not_started'>;
/** What clients see: the stored state, or review_due once an approved version's review date has passed. */
export type DpiaStatus = DpiaState | 'review_due';
export type DpiaAction = 'edit' | 'submit' | 'approve' | 'reject';

const LABEL: Record<DpiaState, string> = {
  not_started: 'not started',
  draft: 'a draft',
  awaiting_sign_off: 'awaiting sign-off',
  approved: 'signed off',
  rejected: 'rejected',
};

/**
 * One DPIA version's lifecycle. approved and rejected are final for that version: amending them
 * opens the next version (from not_started), so the signed-off one stays on record and in force.
 * Editing a version awaiting sign-off withdraws it to draft, so the DPO never signs off text that changed.
 * Its audit entries are about the account (clients read a DPIA through its account).
 */
export const DPIA_LIFECYCLE = new Lifecycle<DpiaState, DpiaAction, Dpia>({
  subjectType: 'dpia',
  entity: Dpia,
  states: DPIA_STATES,
  initial: 'not_started',
  happenedNames: { edit: 'edited', submit: 'submitted', approve: 'approved', reject: 'rejected' },
  auditSubject: (dpia) => ({ type: 'account', id: dpia.accountId }),
  transitions: [
    { from: 'not_started', action: 'edit', to: 'draft' },
    { from: 'draft', action: 'edit', to: 'draft' },
    { from: 'draft', action: 'submit', to: 'awaiting_sign_off' },
    { from: 'awaiting_sign_off', action: 'edit', to: 'draft' },
    { from: 'awaiting_sign_off', action: 'approve', to: 'approved' },
    { from: 'awaiting_sign_off', action: 'reject', to: 'rejected' },
  ],
  refusal: (from, action) => new InvalidStateError(`A DPIA that is ${LABEL[from]} cannot be ${action === 'edit' ? 'edited' : action === 'submit' ? 'submitted' : 'signed off'}.`, { status: from, action }),
});

/** The one state a version is in force in (until its review date). */
export const DPIA_IN_FORCE_STATE = 'approved' satisfies StoredDpiaStatus;

/** An approved version is in force until its review date; at that instant it reads review_due. */
export function dpiaInForceAt(dpia: Pick<Dpia, 'status' | 'reviewDueAt'>, nowIso: string): boolean {
  return DPIA_LIFECYCLE.is(dpia, DPIA_IN_FORCE_STATE) && dpia.reviewDueAt !== null && dpia.reviewDueAt > nowIso;
}

export function dpiaStatusAt(dpia: Pick<Dpia, 'status' | 'reviewDueAt'>, nowIso: string): StoredDpiaStatus | 'review_due' {
  return DPIA_LIFECYCLE.is(dpia, DPIA_IN_FORCE_STATE) && !dpiaInForceAt(dpia, nowIso) ? 'review_due' : dpia.status;
}
