import { itFollowsThePermissionMatrix, RoleRoute, SignedInRoute, SOME_ID } from '../support/permission-matrix';

const A = `/api/v1/accounts/${SOME_ID}`;

/** Every governance route that needs a role, and the roles that may call it (API.md sections 6 to 8). */
const MATRIX: RoleRoute[] = [
  { method: 'post', path: '/api/v1/accounts', roles: ['admin'] },
  { method: 'patch', path: A, roles: ['admin'] },
  { method: 'put', path: `${A}/credentials`, roles: ['admin'] },
  { method: 'post', path: `${A}/platform-admins`, roles: ['admin', 'manager'] },
  { method: 'delete', path: `${A}/platform-admins/${SOME_ID}`, roles: ['admin', 'manager'] },
  { method: 'post', path: `${A}/activate`, roles: ['admin', 'manager'] },
  { method: 'post', path: `${A}/suspend`, roles: ['admin', 'manager'] },
  { method: 'post', path: `${A}/close`, roles: ['admin'] },
  { method: 'get', path: `${A}/dpia`, roles: ['admin', 'manager', 'dpo'] },
  { method: 'put', path: `${A}/dpia`, roles: ['admin', 'manager'] },
  { method: 'post', path: `${A}/dpia/submit`, roles: ['admin', 'manager'] },
  { method: 'post', path: `${A}/dpia/sign-off`, roles: ['dpo'] },
  { method: 'post', path: `${A}/authorisations`, roles: ['manager'] },
  { method: 'get', path: `${A}/authorisations`, roles: ['admin', 'manager'] },
  { method: 'post', path: `/api/v1/authorisations/${SOME_ID}/revoke`, roles: ['admin', 'manager'] },
];
/** Open to any signed-in staff member; the service decides visibility (404) or self-access (403). */
const SIGNED_IN_ONLY: SignedInRoute[] = [
  { method: 'get', path: '/api/v1/accounts' },
  { method: 'get', path: A },
  { method: 'get', path: `${A}/dpia/history` },
  { method: 'get', path: `/api/v1/staff/${SOME_ID}/authorisations` },
];

describe('the governance permission matrix', () => {
  const t = itFollowsThePermissionMatrix({ matrix: MATRIX, signedInOnly: SIGNED_IN_ONLY, everyRoleCallsSignedInOnly: true });

  it('documents every governance route in OpenAPI', async () => {
    const document = (await t.http.get('/api/docs-json')).body;
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method} ${path}`);
    }
    const expected = [
      'post /api/v1/accounts',
      'get /api/v1/accounts',
      'get /api/v1/accounts/{id}',
      'patch /api/v1/accounts/{id}',
      'put /api/v1/accounts/{id}/credentials',
      'post /api/v1/accounts/{id}/platform-admins',
      'delete /api/v1/accounts/{id}/platform-admins/{staffId}',
      'post /api/v1/accounts/{id}/activate',
      'post /api/v1/accounts/{id}/suspend',
      'post /api/v1/accounts/{id}/close',
      'get /api/v1/accounts/{id}/dpia',
      'put /api/v1/accounts/{id}/dpia',
      'post /api/v1/accounts/{id}/dpia/submit',
      'post /api/v1/accounts/{id}/dpia/sign-off',
      'get /api/v1/accounts/{id}/dpia/history',
      'post /api/v1/accounts/{id}/authorisations',
      'get /api/v1/accounts/{id}/authorisations',
      'get /api/v1/staff/{id}/authorisations',
      'post /api/v1/authorisations/{id}/revoke',
    ];
    for (const route of expected) expect(documented).toContain(route);
    const schemas = document.components.schemas;
    // `name` may be left out when the account is created from a connection (API.md section 15): the platform's name is used.
    expect(schemas.CreateAccountDto.required).toEqual(expect.arrayContaining(['platform', 'externalId', 'ownerId']));
    expect(Object.keys(schemas.CreateAccountDto.properties)).toEqual(expect.arrayContaining(['name', 'connectionId']));
    expect(schemas.CreateAccountDto.properties.platform.enum).toEqual(['facebook', 'instagram', 'linkedin', 'youtube']);
    expect(schemas.SaveDpiaDto.required).toEqual(expect.arrayContaining(['purpose', 'dataCategories', 'dataSubjects', 'lawfulBasis', 'screening', 'risks']));
    expect(schemas.DpiaRiskDto.properties.residualRisk.enum).toEqual(['low', 'medium', 'high']);
    expect(schemas.SignOffDpiaDto.properties.decision.enum).toEqual(['approved', 'rejected']);
    expect(schemas.GrantAuthorisationDto.required).toEqual(expect.arrayContaining(['staffId', 'reason']));
    expect(schemas.PutCredentialsDto.required).toEqual(['accessToken']);
    // Responses are described too, and never mention a credential's value.
    expect(document.paths['/api/v1/accounts/{id}/activate'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AccountResponse');
    expect(schemas.AccountResponse.required).toEqual(expect.arrayContaining(['hasCredentials', 'platformAdmins', 'dpia', 'publishable']));
    expect(Object.keys(schemas.AccountResponse.properties)).not.toContain('accessToken');
    expect(schemas.DpiaResponse.properties.status.enum).toEqual(['not_started', 'draft', 'awaiting_sign_off', 'approved', 'rejected', 'review_due']);
    expect(schemas.AuthorisationPage.properties.items.items.$ref).toBe('#/components/schemas/AuthorisationResponse');
  });
});
