import { InvalidStateError } from '../common/errors/generic-errors';
import { ACCOUNT_LIFECYCLE, ACCOUNT_STATUSES } from './account-lifecycle';
import { AccountClosedError } from './accounts-errors';
import { StateMachine } from '../common/lifecycle/state-machine';

describe('the account lifecycle', () => {
  it('is a valid table', () => {
    expect(StateMachine.problems(ACCOUNT_STATUSES, ACCOUNT_LIFECYCLE.initial, ACCOUNT_LIFECYCLE.transitions)).toEqual([]);
    expect(ACCOUNT_LIFECYCLE.initial).toBe('pending_dpia');
  });

  it('goes pending_dpia -> active -> suspended -> active, and closes from anywhere', () => {
    expect(ACCOUNT_LIFECYCLE.next('pending_dpia', 'activate')).toBe('active');
    expect(ACCOUNT_LIFECYCLE.next('active', 'suspend')).toBe('suspended');
    expect(ACCOUNT_LIFECYCLE.next('suspended', 'activate')).toBe('active');
    for (const from of ['pending_dpia', 'active', 'suspended'] as const) expect(ACCOUNT_LIFECYCLE.next(from, 'close')).toBe('closed');
  });

  it('refuses moves the table does not allow with INVALID_STATE', () => {
    expect(() => ACCOUNT_LIFECYCLE.next('pending_dpia', 'suspend')).toThrow(InvalidStateError);
    expect(() => ACCOUNT_LIFECYCLE.next('active', 'activate')).toThrow(InvalidStateError);
    expect(() => ACCOUNT_LIFECYCLE.next('suspended', 'suspend')).toThrow(InvalidStateError);
  });

  it('makes closing final: every move from closed is ACCOUNT_CLOSED', () => {
    expect(ACCOUNT_LIFECYCLE.isFinal('closed')).toBe(true);
    for (const action of ['activate', 'suspend', 'close'] as const) {
      expect(() => ACCOUNT_LIFECYCLE.next('closed', action)).toThrow(AccountClosedError);
    }
  });
});
