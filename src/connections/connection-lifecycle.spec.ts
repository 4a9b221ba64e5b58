import { StateMachine } from '../common/lifecycle/state-machine';
import { InvalidStateError } from '../common/errors/generic-errors';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';

describe('connection lifecycle', () => {
  it('is a valid table whose end states are used, failed and expired', () => {
    expect(StateMachine.problems(CONNECTION_LIFECYCLE.states, CONNECTION_LIFECYCLE.initial, CONNECTION_LIFECYCLE.transitions)).toEqual([]);
    expect(CONNECTION_LIFECYCLE.states.filter((s) => CONNECTION_LIFECYCLE.isFinal(s))).toEqual(['used', 'failed', 'expired']);
  });

  it('is used once, and only after authorisation', () => {
    expect(CONNECTION_LIFECYCLE.next('authorised', 'use')).toBe('used');
    for (const from of ['pending', 'used', 'failed', 'expired'] as const) expect(() => CONNECTION_LIFECYCLE.next(from, 'use')).toThrow(InvalidStateError);
    expect(() => CONNECTION_LIFECYCLE.next('used', 'use')).toThrow(/used once/);
  });
});
