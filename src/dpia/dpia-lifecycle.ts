import { StateMachine } from '../common/lifecycle/state-machine';
import { InvalidStateError } from '../common/errors/generic-errors';

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
 */
export const DPIA_LIFECYCLE = new StateMachine<DpiaState, DpiaAction>(
  'DPIA',
  DPIA_STATES,
  'not_started',
  [
    { from: 'not_started', action: 'edit', to: 'draft' },
    { from: 'draft', action: 'edit', to: 'draft' },
    { from: 'draft', action: 'submit', to: 'awaiting_sign_off' },
    { from: 'awaiting_sign_off', action: 'edit', to: 'draft' },
    { from: 'awaiting_sign_off', action: 'approve', to: 'approved' },
    { from: 'awaiting_sign_off', action: 'reject', to: 'rejected' },
  ],
  (from, action) => new InvalidStateError(`A DPIA that is ${LABEL[from]} cannot be ${action === 'edit' ? 'edited' : action === 'submit' ? 'submitted' : 'signed off'}.`, { status: from, action }),
);
