import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * Issue 11: the web app shows what the server says the caller may do (each resource's allowedActions,
 * GET /me's callerActions) and never decides by the caller's roles. Colleagues' roles are data (who can
 * own an account, who manages) and may be read; the signed-in person's may only be shown.
 */
const WEB = join(__dirname, '..', '..', 'web', 'js');
const FORBIDDEN: [RegExp, string][] = [
  [/\bme\.roles\s*\.\s*(includes|some|every|indexOf|find|filter)\b/, "reads the caller's roles (me.roles)"],
  [/\bsession\.me\.roles\b/, "reads the caller's roles (session.me.roles)"],
  [/\bhasRole\b/, 'asks hasRole'],
  [/\b(isAdmin|isManager|isDpo)\b/, 'keeps a role flag'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.js') ? [path] : [];
  });
}

describe('the web app decides nothing by role', () => {
  it('has no role check in web/js', () => {
    const found = files(WEB).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => FORBIDDEN.filter(([pattern]) => pattern.test(line)).map(([, why]) => `${relative(WEB, path)}:${index + 1} ${why}`)),
    );
    expect(found).toEqual([]);
  });

  it('finds a role check when there is one', () => {
    expect(FORBIDDEN.some(([pattern]) => pattern.test("if (me.roles.includes('admin')) show();"))).toBe(true);
    expect(FORBIDDEN.some(([pattern]) => pattern.test("const managers = staff.filter((s) => s.roles.includes('manager'));"))).toBe(false);
  });
});
