import { TestApp, bearer } from '../support/test-app';
import { Role } from '../../src/staff/role';

type Method = 'get' | 'post' | 'patch';
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every foundation route that needs a role, and the roles that may call it. */
const MATRIX: { method: Method; path: string; roles: Role[] }[] = [
  { method: 'post', path: '/api/v1/staff', roles: ['admin'] },
  { method: 'get', path: '/api/v1/staff', roles: ['admin', 'manager'] },
  { method: 'patch', path: `/api/v1/staff/${SOME_ID}`, roles: ['admin', 'manager'] },
  { method: 'post', path: '/api/v1/policies', roles: ['admin', 'manager'] },
  { method: 'get', path: '/api/v1/policies/current/acknowledgements', roles: ['admin', 'manager'] },
  { method: 'get', path: '/api/v1/audit', roles: ['admin', 'manager', 'dpo'] },
  { method: 'get', path: '/api/v1/audit/verify', roles: ['admin', 'dpo'] },
  { method: 'get', path: '/api/v1/audit/export?format=csv', roles: ['admin', 'dpo'] },
  { method: 'get', path: '/api/v1/audit/export?format=jsonl', roles: ['admin', 'dpo'] },
  { method: 'get', path: '/api/v1/audit/head', roles: ['admin', 'dpo'] },
  { method: 'get', path: '/api/v1/audit/public-key', roles: ['admin', 'dpo'] },
];
const SIGNED_IN_ONLY: { method: Method; path: string }[] = [
  { method: 'post', path: '/api/v1/auth/logout' },
  { method: 'get', path: '/api/v1/me' },
  { method: 'post', path: '/api/v1/me/password' },
  { method: 'get', path: `/api/v1/staff/${SOME_ID}` },
  { method: 'get', path: '/api/v1/policies/current' },
  { method: 'post', path: '/api/v1/policies/current/acknowledgements' },
];
const ALL_ROLES: Role[] = ['staff', 'manager', 'admin', 'dpo', 'safeguarding_lead'];

describe('the permission matrix', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    t = await TestApp.start();
    for (const role of ALL_ROLES) tokens.set(role, (await t.newStaff([role])).token);
  });
  afterAll(() => t.close());

  it.each([...MATRIX, ...SIGNED_IN_ONLY])('$method $path refuses a request without a token with 401', async ({ method, path }) => {
    const response = await t.http[method](path).send({});
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it.each(MATRIX)('$method $path refuses roles outside $roles with 403 and lets them through', async ({ method, path, roles }) => {
    for (const role of ALL_ROLES) {
      const response = await t.http[method](path).set(bearer(tokens.get(role)!)).send({});
      if (roles.includes(role)) {
        expect([200, 400, 404]).toContain(response.status);
      } else {
        expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      }
    }
  });
});
