import { Role } from '../../src/staff/role';
import { bearer, TestApp } from './test-app';
import { useWorld } from './world';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export const SOME_ID = '00000000-0000-4000-8000-000000000000';
export const ALL_ROLES: Role[] = ['staff', 'manager', 'admin', 'dpo', 'safeguarding_lead'];

/** A route that needs one of `roles`. */
export interface RoleRoute {
  method: Method;
  path: string;
  roles: Role[];
}
/** A route open to any signed-in staff member. */
export interface SignedInRoute {
  method: Method;
  path: string;
}

export interface PermissionMatrix {
  matrix: RoleRoute[];
  signedInOnly: SignedInRoute[];
  /** Also call every signed-in-only route as each role (not for routes such as logout that end the session). */
  everyRoleCallsSignedInOnly?: boolean;
}

/**
 * The permission-matrix tests of a describe block, on an app of their own with one staff member per role:
 * every route refuses a request without a token with 401, every role outside a route's roles gets 403 and
 * every role inside gets through (200, 400 or 404: past the guard, whatever the body or id). Returns the app.
 */
export function itFollowsThePermissionMatrix({ matrix, signedInOnly, everyRoleCallsSignedInOnly = false }: PermissionMatrix): TestApp {
  const { t, s: tokens } = useWorld(tokensByRole);

  it.each([...matrix, ...signedInOnly])('$method $path refuses a request without a token with 401', async ({ method, path }) => {
    const response = await t.http[method](path).send({});
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it.each(matrix)('$method $path refuses roles outside $roles with 403 whatever the body, and lets them through', async ({ method, path, roles }) => {
    for (const role of ALL_ROLES) {
      const response = await t.http[method](path).set(bearer(tokens.get(role)!)).send({});
      if (roles.includes(role)) {
        expect([200, 400, 404]).toContain(response.status);
      } else {
        expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      }
    }
  });

  if (everyRoleCallsSignedInOnly) {
    it.each(signedInOnly)('$method $path lets every role in (the service decides what they see)', async ({ method, path }) => {
      for (const role of ALL_ROLES) {
        const response = await t.http[method](path).set(bearer(tokens.get(role)!));
        expect({ role, ok: [200, 403, 404].includes(response.status) }).toEqual({ role, ok: true });
      }
    });
  }
  return t;
}

/** One signed-in staff member per role. */
async function tokensByRole(t: TestApp): Promise<Map<Role, string>> {
  const tokens = new Map<Role, string>();
  for (const role of ALL_ROLES) tokens.set(role, (await t.newStaff([role])).token);
  return tokens;
}
