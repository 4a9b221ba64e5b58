import { readdirSync } from 'fs';
import { join } from 'path';
import { DomainError } from '../errors/domain-error';
import { Lifecycle } from './lifecycle';
import { StateMachine } from './state-machine';

/** Every `*-lifecycle.ts` under src, so a lifecycle added anywhere is checked here without being listed. */
function lifecycleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return lifecycleFiles(path);
    return entry.name.endsWith('-lifecycle.ts') ? [path] : [];
  });
}

const files = lifecycleFiles(join(__dirname, '..', '..'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const file of files) require(file);

describe('every lifecycle', () => {
  it('is found: each lifecycle file builds at least one lifecycle, and the known ones are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    const names = Lifecycle.all.map((lifecycle) => lifecycle.subjectType);
    expect(names).toEqual(expect.arrayContaining(['account', 'connection', 'dpia', 'draft']));
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(Lifecycle.all.map((lifecycle) => [lifecycle.subjectType, lifecycle] as const))('%s', (_name, lifecycle) => {
    it('is a valid table bound to an entity', () => {
      expect(StateMachine.problems(lifecycle.states, lifecycle.initial, lifecycle.transitions)).toEqual([]);
      expect(lifecycle.entity).toBeDefined();
    });

    it('names what happens for every action, and no action is also a happened name of another', () => {
      const actions = [...new Set(lifecycle.transitions.map((t) => t.action))];
      for (const action of actions) expect(lifecycle.auditAction(lifecycle.happenedName(action))).toMatch(new RegExp(`^${lifecycle.subjectType}\\.[a-z_]+$`));
    });

    it('refuses every move its table does not list with a typed DomainError, and allows every listed one', () => {
      const actions = [...new Set(lifecycle.transitions.map((t) => t.action))];
      for (const state of lifecycle.states) {
        for (const action of actions) {
          const listed = lifecycle.transitions.find((t) => t.from === state && t.action === action);
          if (listed) {
            expect(lifecycle.can(state, action)).toBe(true);
            expect(lifecycle.next(state, action)).toBe(listed.to);
            expect(lifecycle.statesAllowing(action)).toContain(state);
          } else {
            expect(lifecycle.can(state, action)).toBe(false);
            expect(lifecycle.statesAllowing(action)).not.toContain(state);
            let refusal: unknown;
            try {
              lifecycle.next(state, action);
            } catch (error) {
              refusal = error;
            }
            expect(refusal).toBeInstanceOf(DomainError);
            expect((refusal as DomainError).code).toMatch(/^[A-Z_]+$/);
          }
        }
      }
    });

    it('answers is() from the subject or its status', () => {
      for (const state of lifecycle.states) {
        expect(lifecycle.is(state, state)).toBe(true);
        expect(lifecycle.is({ status: state }, ...lifecycle.states.filter((other) => other !== state))).toBe(false);
      }
    });
  });
});
