import { DomainError } from '../errors/domain-error';

export interface Transition<S extends string, A extends string> {
  from: S;
  to: S;
  action: A;
}

/**
 * A lifecycle as a table of allowed transitions. The table is checked when it is built (at module
 * load, so a bad table stops the start), and a move the table does not allow is a typed error.
 */
export class StateMachine<S extends string, A extends string> {
  private readonly allowed = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly states: readonly S[],
    readonly initial: S,
    readonly transitions: readonly Transition<S, A>[],
    readonly refusal: (from: S, action: A) => DomainError,
  ) {
    const problems = StateMachine.problems(states, initial, transitions);
    if (problems.length > 0) throw new Error(`The ${name} lifecycle is not valid: ${problems.join('; ')}`);
    for (const t of transitions) this.allowed.set(`${t.from}|${t.action}`, t.to);
  }

  /** Everything wrong with a table: unknown states, an action ambiguous from one state, unreachable states. */
  static problems<S extends string, A extends string>(states: readonly S[], initial: S, transitions: readonly Transition<S, A>[]): string[] {
    const problems: string[] = [];
    const known = new Set<string>(states);
    if (!known.has(initial)) problems.push(`initial state "${initial}" is not a state`);
    const seen = new Set<string>();
    for (const { from, to, action } of transitions) {
      if (!known.has(from)) problems.push(`"${action}" starts from unknown state "${from}"`);
      if (!known.has(to)) problems.push(`"${action}" leads to unknown state "${to}"`);
      const key = `${from}|${action}`;
      if (seen.has(key)) problems.push(`"${action}" from "${from}" is listed twice`);
      seen.add(key);
    }
    const reachable = new Set<string>([initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { from, to } of transitions) {
        if (reachable.has(from) && !reachable.has(to)) {
          reachable.add(to);
          grew = true;
        }
      }
    }
    for (const state of states) if (!reachable.has(state)) problems.push(`state "${state}" cannot be reached`);
    return problems;
  }

  can(from: S, action: A): boolean {
    return this.allowed.has(`${from}|${action}`);
  }

  /** The state `action` leads to from `from`, or the refusal for that move. */
  next(from: S, action: A): S {
    const to = this.allowed.get(`${from}|${action}`);
    if (to === undefined) throw this.refusal(from, action);
    return to;
  }

  isFinal(state: S): boolean {
    return !this.transitions.some((t) => t.from === state);
  }
}
