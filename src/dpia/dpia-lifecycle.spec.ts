import { StateMachine } from '../common/lifecycle/state-machine';
import { InvalidStateError } from '../common/errors/generic-errors';
import { DPIA_LIFECYCLE, DPIA_STATES, dpiaInForceAt, dpiaStatusAt } from './dpia-lifecycle';
import { Dpia } from './dpia.entity';

describe('the DPIA lifecycle', () => {
  it('is a valid table', () => {
    expect(StateMachine.problems(DPIA_STATES, DPIA_LIFECYCLE.initial, DPIA_LIFECYCLE.transitions)).toEqual([]);
  });

  it('drafts, submits and is signed off one way or the other', () => {
    expect(DPIA_LIFECYCLE.next('not_started', 'edit')).toBe('draft');
    expect(DPIA_LIFECYCLE.next('draft', 'edit')).toBe('draft');
    expect(DPIA_LIFECYCLE.next('draft', 'submit')).toBe('awaiting_sign_off');
    expect(DPIA_LIFECYCLE.next('awaiting_sign_off', 'approve')).toBe('approved');
    expect(DPIA_LIFECYCLE.next('awaiting_sign_off', 'reject')).toBe('rejected');
  });

  it('withdraws a submission that is edited, so the DPO never signs off changed text', () => {
    expect(DPIA_LIFECYCLE.next('awaiting_sign_off', 'edit')).toBe('draft');
  });

  it('never changes a signed-off version: approved and rejected are final (amending opens a new version)', () => {
    for (const state of ['approved', 'rejected'] as const) {
      expect(DPIA_LIFECYCLE.isFinal(state)).toBe(true);
      for (const action of ['edit', 'submit', 'approve', 'reject'] as const) expect(() => DPIA_LIFECYCLE.next(state, action)).toThrow(InvalidStateError);
    }
  });

  it('cannot sign off a draft or submit twice', () => {
    expect(() => DPIA_LIFECYCLE.next('draft', 'approve')).toThrow(InvalidStateError);
    expect(() => DPIA_LIFECYCLE.next('awaiting_sign_off', 'submit')).toThrow(InvalidStateError);
    expect(() => DPIA_LIFECYCLE.next('not_started', 'submit')).toThrow(InvalidStateError);
  });

  it('reads review_due from the instant the review date passes', () => {
    const dpia = Object.assign(new Dpia(), { status: 'approved', reviewDueAt: '2027-01-01T00:00:00.000Z' });
    expect(dpiaStatusAt(dpia, '2026-12-31T23:59:59.999Z')).toBe('approved');
    expect(dpiaInForceAt(dpia, '2026-12-31T23:59:59.999Z')).toBe(true);
    expect(dpiaStatusAt(dpia, '2027-01-01T00:00:00.000Z')).toBe('review_due');
    expect(dpiaInForceAt(dpia, '2027-01-01T00:00:00.000Z')).toBe(false);
  });
});
