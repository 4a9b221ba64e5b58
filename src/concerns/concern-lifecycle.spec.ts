import { InvalidStateError } from '../common/errors/generic-errors';
import { StateMachine } from '../common/lifecycle/state-machine';
import { CONCERN_LIFECYCLE, CONCERN_STATES } from './concern-lifecycle';

describe('the concern lifecycle', () => {
  it('is a valid table', () => {
    expect(StateMachine.problems(CONCERN_STATES, CONCERN_LIFECYCLE.initial, CONCERN_LIFECYCLE.transitions)).toEqual([]);
  });

  it('moves an open concern to investigating on any investigation step, and keeps it there', () => {
    for (const step of ['add_note', 'assign', 'seek_hr_advice', 'decide_breach'] as const) {
      expect(CONCERN_LIFECYCLE.next('open', step)).toBe('investigating');
      expect(CONCERN_LIFECYCLE.next('investigating', step)).toBe('investigating');
    }
  });

  it('resolves from open or investigating; resolved is final, and any step on it is INVALID_STATE', () => {
    expect(CONCERN_LIFECYCLE.next('open', 'resolve')).toBe('resolved');
    expect(CONCERN_LIFECYCLE.next('investigating', 'resolve')).toBe('resolved');
    expect(CONCERN_LIFECYCLE.isFinal('resolved')).toBe(true);
    expect(() => CONCERN_LIFECYCLE.next('resolved', 'add_note')).toThrow(InvalidStateError);
    expect(() => CONCERN_LIFECYCLE.next('resolved', 'resolve')).toThrow('A concern that is resolved cannot be resolved.');
  });
});
