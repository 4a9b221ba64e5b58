import { InvalidStateError } from '../errors/generic-errors';
import { StateMachine } from './state-machine';

describe('StateMachine', () => {
  const refuse = () => new InvalidStateError('no');

  it('refuses to build a table with an unknown state, a duplicate move or an unreachable state', () => {
    expect(() => new StateMachine('t', ['a', 'b'], 'a', [{ from: 'a', action: 'go', to: 'c' as 'b' }], refuse)).toThrow(/unknown state "c"/);
    expect(
      () =>
        new StateMachine(
          't',
          ['a', 'b'],
          'a',
          [
            { from: 'a', action: 'go', to: 'b' },
            { from: 'a', action: 'go', to: 'a' },
          ],
          refuse,
        ),
    ).toThrow(/listed twice/);
    expect(() => new StateMachine('t', ['a', 'b', 'c'], 'a', [{ from: 'a', action: 'go', to: 'b' }], refuse)).toThrow(/"c" cannot be reached/);
  });

  it('moves along the table and refuses anything else with the typed error', () => {
    const machine = new StateMachine('t', ['a', 'b'], 'a', [{ from: 'a', action: 'go', to: 'b' }], refuse);
    expect(machine.next('a', 'go')).toBe('b');
    expect(() => machine.next('b', 'go')).toThrow(InvalidStateError);
    expect(machine.isFinal('b')).toBe(true);
    expect(machine.isFinal('a')).toBe(false);
  });
});
