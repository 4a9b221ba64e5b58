import { itFollowsThePermissionMatrix, RoleRoute, SignedInRoute, SOME_ID } from '../support/permission-matrix';

/** Every foundation route that needs a role, and the roles that may call it. */
const MATRIX: RoleRoute[] = [
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
const SIGNED_IN_ONLY: SignedInRoute[] = [
  { method: 'post', path: '/api/v1/auth/logout' },
  { method: 'get', path: '/api/v1/me' },
  { method: 'post', path: '/api/v1/me/password' },
  { method: 'get', path: `/api/v1/staff/${SOME_ID}` },
  { method: 'get', path: '/api/v1/policies/current' },
  { method: 'post', path: '/api/v1/policies/current/acknowledgements' },
];

describe('the permission matrix', () => {
  itFollowsThePermissionMatrix({ matrix: MATRIX, signedInOnly: SIGNED_IN_ONLY });
});
