import { StateMachine } from '../common/lifecycle/state-machine';
import { DomainError } from '../common/errors/domain-error';
import { DRAFT_LIFECYCLE, DRAFT_STATUSES, DraftStatus } from './draft-lifecycle';

describe('draft lifecycle', () => {
  it('is a valid table: every status reachable from draft, no ambiguous move', () => {
    expect(StateMachine.problems(DRAFT_STATUSES, 'draft', DRAFT_LIFECYCLE.transitions)).toEqual([]);
  });

  it('allows editing exactly from draft, changes_requested, submitted, scheduled and held, always back to draft', () => {
    const editable = DRAFT_STATUSES.filter((s) => DRAFT_LIFECYCLE.can(s, 'edit'));
    expect(editable.sort()).toEqual(['changes_requested', 'draft', 'held', 'scheduled', 'submitted']);
    for (const s of editable) expect(DRAFT_LIFECYCLE.next(s, 'edit')).toBe('draft');
  });

  it('approves only a submitted draft, to scheduled or publishing', () => {
    expect(DRAFT_LIFECYCLE.next('submitted', 'approve_scheduled')).toBe('scheduled');
    expect(DRAFT_LIFECYCLE.next('submitted', 'approve_now')).toBe('publishing');
    for (const s of DRAFT_STATUSES.filter((s) => s !== 'submitted')) {
      expect(DRAFT_LIFECYCLE.can(s, 'approve_now')).toBe(false);
      expect(DRAFT_LIFECYCLE.can(s, 'approve_scheduled')).toBe(false);
    }
  });

  it('confirms only a held draft', () => {
    expect(DRAFT_LIFECYCLE.next('held', 'confirm_scheduled')).toBe('scheduled');
    expect(DRAFT_LIFECYCLE.next('held', 'confirm_now')).toBe('publishing');
    expect(DRAFT_LIFECYCLE.can('scheduled', 'confirm_now')).toBe(false);
  });

  it('treats rejected, withdrawn and taken_down as final', () => {
    for (const s of ['rejected', 'withdrawn', 'taken_down'] as DraftStatus[]) expect(DRAFT_LIFECYCLE.isFinal(s)).toBe(true);
    expect(DRAFT_LIFECYCLE.isFinal('submitted')).toBe(false);
  });

  it('refuses a move the table does not hold with INVALID_STATE', () => {
    let error: unknown;
    try {
      DRAFT_LIFECYCLE.next('rejected', 'submit');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_STATE');
    expect((error as DomainError).details).toEqual({ status: 'rejected', action: 'submit' });
  });

  it('lets a closing account withdraw only what has not started publishing', () => {
    expect(DRAFT_LIFECYCLE.statesAllowing('withdraw').sort()).toEqual(['changes_requested', 'draft', 'failed', 'held', 'scheduled', 'submitted']);
  });
});
