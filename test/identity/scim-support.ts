import { TestApp } from '../support/test-app';

export const SCIM_TOKEN = 'identity-scim-token-0123456789abcdef0123456789';
export const SCIM_HEADERS = { Authorization: `Bearer ${SCIM_TOKEN}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' };
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** An identity provider's requests to Gatehouse's SCIM endpoint, with its bearer token. */
export function scimClient(t: TestApp) {
  const withHeaders = <T extends { set(headers: Record<string, string>): T }>(request: T) => request.set(SCIM_HEADERS);
  return {
    get: (path: string, query: Record<string, string> = {}) => withHeaders(t.http.get(`/scim/v2${path}`).query(query)),
    post: (path: string, body: unknown) => withHeaders(t.http.post(`/scim/v2${path}`)).send(JSON.stringify(body)),
    put: (path: string, body: unknown) => withHeaders(t.http.put(`/scim/v2${path}`)).send(JSON.stringify(body)),
    patch: (path: string, operations: unknown[]) => withHeaders(t.http.patch(`/scim/v2${path}`)).send(JSON.stringify({ schemas: [PATCH_OP], Operations: operations })),
    delete: (path: string) => withHeaders(t.http.delete(`/scim/v2${path}`)),
  };
}

/** A SCIM error as RFC 7644 section 3.12 has it, in application/scim+json. */
export function expectScimError(response: { status: number; headers: Record<string, string>; body: unknown }, status: number, scimType?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), detail: expect.any(String), ...(scimType ? { scimType } : {}) });
}
