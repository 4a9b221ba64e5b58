import { bearer, TestApp } from '../support/test-app';
import { compliance, getDraft, leaverScene, QUIET } from './support';

jest.setTimeout(120_000);

const TOKEN = 'scim-token-0123456789abcdef0123456789abcdef';
const SCIM = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' };
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The body Microsoft Entra ID's provisioning service sends to create a user. */
const entraCreate = (userName: string, externalId: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId,
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Priya Shah', familyName: 'Shah', givenName: 'Priya' },
  roles: [],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeId: 'E1234', department: 'Care' },
});

/** The body Okta sends to create a user (with a password it pushes, which Gatehouse does not take). */
const oktaCreate = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Tom', familyName: 'Okafor' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Tom Okafor',
  locale: 'en-GB',
  externalId: '00u1abcd2EFGHijk3l4',
  groups: [],
  password: 'pushed-by-okta-1234',
  active: true,
});

describe('SCIM 2.0 for Entra ID and Okta', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ ...QUIET, GATEHOUSE_SCIM_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scim = () => t.http;

  it('refuses a wrong or missing token with a SCIM 401 body', async () => {
    for (const headers of [{ Authorization: 'Bearer wrong-token' }, {}, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }]) {
      const response = await scim().get('/scim/v2/Users').set(headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(response.body).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.any(String) });
    }
    // A staff session token is not a SCIM token either.
    const response = await scim().get('/scim/v2/Users').set(bearer(await t.adminToken()));
    expect(response.status).toBe(401);
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    const config = await scim().get('/scim/v2/ServiceProviderConfig').set(SCIM);
    expect(config.status).toBe(200);
    expect(config.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await scim().get('/scim/v2/ResourceTypes').set(SCIM);
    expect(types.body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' });
    const schemas = await scim().get('/scim/v2/Schemas').set(SCIM);
    expect(schemas.body.Resources[0].id).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
  });

  it('Entra ID: probes with a filter, creates, finds by filter, updates by PATCH and deactivates with "False"', async () => {
    // Entra first checks that a random user does not exist.
    const probe = await scim().get('/scim/v2/Users').query({ filter: 'userName eq "7a1c4f2e-unknown@contoso.example"' }).set(SCIM);
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await scim().post('/scim/v2/Users').set(SCIM).send(entraCreate('Priya.Shah@contoso.example', 'a1b2c3d4-0000-4000-8000-000000000001'));
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    const id = created.body.id;
    expect(created.headers.location).toMatch(new RegExp(`/scim/v2/Users/${id}$`));
    expect(created.body).toMatchObject({
      // The enterprise extension Entra sent is kept and read back (API.md section 13).
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeId: 'E1234', department: 'Care' },
      id,
      externalId: 'a1b2c3d4-0000-4000-8000-000000000001',
      userName: 'Priya.Shah@contoso.example',
      name: { givenName: 'Priya', familyName: 'Shah', formatted: 'Priya Shah' },
      displayName: 'Priya Shah',
      emails: [{ value: 'Priya.Shah@contoso.example', primary: true, type: 'work' }],
      active: true,
      meta: { resourceType: 'User', created: expect.stringMatching(/Z$/), lastModified: expect.stringMatching(/Z$/), location: expect.stringContaining(id) },
    });
    // A `staff` member with no password: they cannot sign in until one is set.
    const staff = await t.http.get(`/api/v1/staff/${id}`).set(bearer(await t.adminToken()));
    expect(staff.body).toMatchObject({ roles: ['staff'], status: 'active', email: 'Priya.Shah@contoso.example' });
    const rows = await t.dataSource.query(`SELECT "passwordHash" FROM staff WHERE id = '${id}'`);
    expect(rows[0].passwordHash).toBeNull();

    const found = await scim().get('/scim/v2/Users?filter=userName+eq+%22priya.shah%40contoso.example%22').set(SCIM);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);

    const duplicate = await scim().post('/scim/v2/Users').set(SCIM).send(entraCreate('priya.shah@contoso.example', 'other'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });

    const renamed = await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(SCIM)
      .send({
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'name.familyName', value: 'Shah-Patel' },
          { op: 'Replace', path: 'displayName', value: 'Priya Shah-Patel' },
          { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Care' },
        ],
      });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Priya Shah-Patel', name: { givenName: 'Priya', familyName: 'Shah-Patel' }, active: true });

    const deactivated = await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(SCIM)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    const report = await t.http.get(`/api/v1/staff/${id}/offboarding-report`).set(bearer(await t.adminToken()));
    expect(report.body).toMatchObject({ staffId: id, reason: 'identity provider', actorId: null, completedAt: expect.stringMatching(/Z$/) });
    // Deactivating again changes nothing.
    const again = await scim().patch(`/scim/v2/Users/${id}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(again.status).toBe(200);
  });

  it('Okta: filter with paging, create, PATCH {active:false} offboards a working member of staff now', async () => {
    const s = await leaverScene(t);
    const listed = await scim()
      .get('/scim/v2/Users')
      .query({ filter: `userName eq "${s.leaver.email}"`, startIndex: '1', count: '100' })
      .set(SCIM);
    expect(listed.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    const id = listed.body.Resources[0].id;
    expect(id).toBe(s.leaver.id);

    const created = await scim().post('/scim/v2/Users').set(SCIM).send(oktaCreate('tom.okafor@care.example'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: 'tom.okafor@care.example', displayName: 'Tom Okafor', externalId: '00u1abcd2EFGHijk3l4', active: true });
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'tom.okafor@care.example', password: 'pushed-by-okta-1234' });
    expect(login.status).toBe(401);

    const response = await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(SCIM)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(response.status).toBe(200);
    expect(response.body.active).toBe(false);
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(401);
    const report = await t.http.get(`/api/v1/staff/${id}/offboarding-report`).set(bearer(s.admin));
    expect(report.body).toMatchObject({ reason: 'identity provider', sessionsRevoked: 3, postsHeld: [s.drafts.scheduled], submissionsReturned: [s.drafts.submitted] });
    expect(await getDraft(t, s, s.drafts.plain)).toMatchObject({ ownerId: s.lineManager.id });
    expect((await compliance(t)).leaversWithAccess).toEqual([]);
    // Restoring the user reinstates them (API.md section 13), but nothing offboarding revoked comes back.
    const revive = await scim().patch(`/scim/v2/Users/${id}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(revive.status).toBe(200);
    expect(revive.body.active).toBe(true);
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(401);
    const authorisations = await t.http.get(`/api/v1/staff/${id}/authorisations`).set(bearer(s.admin));
    expect(authorisations.body.items.filter((a: { active: boolean }) => a.active)).toEqual([]);
  });

  it('Okta: PUT replaces the profile, and PUT with active false offboards', async () => {
    const created = await scim().post('/scim/v2/Users').set(SCIM).send(oktaCreate('sam.jones@care.example'));
    const id = created.body.id;
    const body = { ...created.body, name: { givenName: 'Samantha', familyName: 'Jones' }, displayName: 'Samantha Jones' };
    delete body.meta;
    const put = await scim().put(`/scim/v2/Users/${id}`).set(SCIM).send(body);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Samantha Jones', name: { givenName: 'Samantha', familyName: 'Jones' }, active: true });
    const off = await scim().put(`/scim/v2/Users/${id}`).set(SCIM).send({ ...body, displayName: 'Sam Jones', active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, displayName: 'Sam Jones' });
    const staff = await t.http.get(`/api/v1/staff/${id}`).set(bearer(await t.adminToken()));
    expect(staff.body.status).toBe('left');
  });

  it('DELETE offboards now, and the user answers 404 afterwards', async () => {
    const s = await leaverScene(t);
    const deleted = await scim().delete(`/scim/v2/Users/${s.leaver.id}`).set(SCIM);
    expect(deleted.status).toBe(204);
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(401);
    const report = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.admin));
    expect(report.body).toMatchObject({ reason: 'identity provider', draftsTransferred: [s.drafts.plain, s.drafts.changesRequested].sort() });
    const get = await scim().get(`/scim/v2/Users/${s.leaver.id}`).set(SCIM);
    expect(get.status).toBe(404);
    expect(get.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    const listed = await scim().get('/scim/v2/Users').query({ filter: `userName eq "${s.leaver.email}"` }).set(SCIM);
    expect(listed.body.totalResults).toBe(0);
    expect((await scim().delete(`/scim/v2/Users/${s.leaver.id}`).set(SCIM)).status).toBe(404);
    expect((await scim().patch(`/scim/v2/Users/${s.leaver.id}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(404);
    // Gatehouse itself still knows them, as a leaver.
    expect((await t.http.get(`/api/v1/staff/${s.leaver.id}`).set(bearer(s.admin))).body.status).toBe('left');
    expect((await compliance(t)).leaversWithAccess).toEqual([]);
  });

  it('answers SCIM errors for bad requests: unknown ids, unsupported filters, bad PATCH bodies, missing userName', async () => {
    expect((await scim().get('/scim/v2/Users/not-a-uuid').set(SCIM)).body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    expect((await scim().get('/scim/v2/Users/00000000-0000-4000-8000-000000000000').set(SCIM)).status).toBe(404);
    const filter = await scim().get('/scim/v2/Users').query({ filter: 'title co "nurse"' }).set(SCIM);
    expect(filter.status).toBe(400);
    expect(filter.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidFilter' });
    const created = await scim().post('/scim/v2/Users').set(SCIM).send(oktaCreate('kim.lee@care.example'));
    const badOp = await scim().patch(`/scim/v2/Users/${created.body.id}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'active' }] });
    expect(badOp.status).toBe(400);
    expect(badOp.body.schemas).toEqual([ERROR_SCHEMA]);
    const badActive = await scim().patch(`/scim/v2/Users/${created.body.id}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'maybe' }] });
    expect(badActive.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const noUserName = await scim().post('/scim/v2/Users').set(SCIM).send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], active: true });
    expect(noUserName.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const malformed = await scim().post('/scim/v2/Users').set(SCIM).send('{"userName": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.schemas).toEqual([ERROR_SCHEMA]);
  });

  it('lists everyone with startIndex and count', async () => {
    const all = await scim().get('/scim/v2/Users').set(SCIM);
    const page = await scim().get('/scim/v2/Users?startIndex=2&count=2').set(SCIM);
    expect(page.body).toMatchObject({ totalResults: all.body.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id));
  });
});

describe('SCIM without GATEHOUSE_SCIM_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
  });
  afterAll(() => t.close());

  it('answers 404 on every SCIM route, whatever the token', async () => {
    for (const path of ['/scim/v2/Users', '/scim/v2/ServiceProviderConfig', '/scim/v2/Users/00000000-0000-4000-8000-000000000000']) {
      const response = await t.http.get(path).set(SCIM);
      expect(response.status).toBe(404);
    }
    expect((await t.http.post('/scim/v2/Users').set(SCIM).send(oktaCreate('x@care.example'))).status).toBe(404);
  });
});
