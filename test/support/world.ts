import { TestApp } from './test-app';

/**
 * A test file's usual setup in one line: a TestApp started with `env` before the block's tests (then `scene`
 * made on it, e.g. the governance cast or the drafts stage) and closed after them.
 *
 *   const { t, s: c } = useWorld(cast);
 *
 * `t` and `s` stand for what beforeAll makes: the tests read them as they would the variables they replace.
 */
export function useWorld<S extends object>(scene: (t: TestApp) => Promise<S>, env: Record<string, string> = {}): { t: TestApp; s: S } {
  let app: TestApp | undefined;
  let made: S | undefined;
  beforeAll(async () => {
    app = await TestApp.start(env);
    made = await scene(app);
  });
  afterAll(() => app?.close());
  return { t: standIn(() => app, 'the TestApp'), s: standIn(() => made, 'the scene') };
}

/** A TestApp started before the block's tests and closed after them. */
export function useApp(env: Record<string, string> = {}): TestApp {
  return useWorld(async () => ({}), env).t;
}

/** Forwards every use to what `current` returns once beforeAll has set it. */
function standIn<T extends object>(current: () => T | undefined, what: string): T {
  const target = (): T => {
    const value = current();
    if (value === undefined) throw new Error(`${what} is made in beforeAll: use it inside a test or a hook`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, property) => {
      const value = target();
      const member = Reflect.get(value, property, value);
      return typeof member === 'function' ? member.bind(value) : member;
    },
    set: (_, property, value) => Reflect.set(target(), property, value),
    has: (_, property) => Reflect.has(target(), property),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), property);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
