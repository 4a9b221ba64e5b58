import { randomUUID } from 'crypto';
import { bearer, TestApp } from '../support/test-app';
import { ENTERPRISE, expectScimError, LIST_SCHEMA, scimClient, SCIM_TOKEN, USER_SCHEMA } from './scim-support';

jest.setTimeout(120_000);

/** The user Microsoft Entra ID's provisioning service creates (its SCIM tutorial's request). */
const entraUser = (userName: string, externalId = randomUUID()) => ({
  schemas: [USER_SCHEMA, ENTERPRISE],
  externalId,
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Amara Okafor', familyName: 'Okafor', givenName: 'Amara' },
  roles: [],
  [ENTERPRISE]: { employeeNumber: 'E-778', department: 'Domiciliary care' },
});

/**
 * Microsoft Entra ID's request sequences, as its SCIM tutorial and known-issues page describe them:
 * the probe, create, filters on every matching attribute, PATCH with capitalised ops and string
 * booleans, disable and restore, delete and provision again, and groups when none are mapped.
 */
describe('SCIM: Microsoft Entra ID', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_SCIM_TOKEN: SCIM_TOKEN, GATEHOUSE_LOG_LEVEL: 'error' });
    scim = scimClient(t);
  });
  afterAll(() => t.close());

  it('creates a user, then finds it by userName, externalId, work email and id, case-insensitively', async () => {
    const probe = await scim.get('/Users', { filter: `userName eq "Test_User_${randomUUID()}@contoso.example"` });
    expect(probe.body).toEqual({ schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    const externalId = randomUUID();
    const created = await scim.post('/Users', entraUser('Amara.Okafor@contoso.example', externalId));
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const filter of [
      'userName eq "amara.okafor@CONTOSO.example"',
      `externalId eq "${externalId.toUpperCase()}"`,
      'emails[type eq "work"].value eq "AMARA.okafor@contoso.example"',
      `id eq "${id}"`,
    ]) {
      const found = await scim.get('/Users', { filter });
      expect({ filter, total: found.body.totalResults, id: found.body.Resources[0]?.id }).toEqual({ filter, total: 1, id });
    }
    // Everything sent is read back, the enterprise extension included.
    const read = await scim.get(`/Users/${id}`);
    expect(read.body).toMatchObject({ roles: [], [ENTERPRISE]: { employeeNumber: 'E-778', department: 'Domiciliary care' }, name: { givenName: 'Amara', familyName: 'Okafor' } });
    expectScimError(await scim.get('/Users', { filter: 'displayName sw "Am"' }), 400, 'invalidFilter');
  });

  it('stores every attribute a PATCH sets and reads it back: work email, name parts, displayName, externalId, manager', async () => {
    const manager = (await scim.post('/Users', entraUser('Head.Of.Care@contoso.example'))).body;
    const user = (await scim.post('/Users', entraUser('Sam.Reid@contoso.example'))).body;
    const patched = await scim.patch(`/Users/${user.id}`, [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'sam.reid@care.contoso.example' },
      { op: 'Replace', path: 'name.familyName', value: 'Reid-Khan' },
      { op: 'Replace', path: 'name.givenName', value: 'Samira' },
      { op: 'Replace', path: 'displayName', value: 'Samira Reid-Khan' },
      { op: 'Add', path: 'externalId', value: 'ext-sam' },
      { op: 'Add', path: 'title', value: 'Senior carer' },
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id },
    ]);
    expect(patched.status).toBe(200);
    const read = (await scim.get(`/Users/${user.id}`)).body;
    expect(read).toMatchObject({
      externalId: 'ext-sam',
      displayName: 'Samira Reid-Khan',
      title: 'Senior carer',
      name: { givenName: 'Samira', familyName: 'Reid-Khan' },
      emails: [{ primary: true, type: 'work', value: 'sam.reid@care.contoso.example' }],
      [ENTERPRISE]: { manager: { value: manager.id, displayName: 'Amara Okafor' } },
    });
    expect((await scim.get('/Users', { filter: 'emails[type eq "work"].value eq "sam.reid@care.contoso.example"' })).body.Resources[0].id).toBe(user.id);
    // The manager is the line manager Gatehouse uses.
    const staff = await t.http.get(`/api/v1/staff/${user.id}`).set(bearer(await t.adminToken()));
    expect(staff.body).toMatchObject({ displayName: 'Samira Reid-Khan', lineManagerId: manager.id, email: 'Sam.Reid@contoso.example' });
    // Removing the manager clears it; an unknown manager or a work email that is not an address is refused, and nothing changes.
    expect((await scim.patch(`/Users/${user.id}`, [{ op: 'Remove', path: `${ENTERPRISE}:manager` }])).body[ENTERPRISE]?.manager).toBeUndefined();
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: randomUUID() }]), 400, 'invalidValue');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'displayName', value: 'Changed' }, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'nope' }]), 400, 'invalidValue');
    expect((await scim.get(`/Users/${user.id}`)).body.displayName).toBe('Samira Reid-Khan');
  });

  it('disables with "False" and restores with "True": the person is reinstated, with no access back', async () => {
    const person = await t.newStaff(['staff']);
    const disabled = await scim.patch(`/Users/${person.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(disabled.body.active).toBe(false);
    expect((await t.http.get('/api/v1/me').set(bearer(person.token))).status).toBe(401);
    expect((await scim.get('/Users', { filter: `userName eq "${person.email}"` })).body.Resources[0].active).toBe(false);
    const restored = await scim.patch(`/Users/${person.id}`, [{ op: 'Replace', path: 'active', value: 'True' }]);
    expect(restored.status).toBe(200);
    expect(restored.body.active).toBe(true);
    expect((await t.http.get('/api/v1/me').set(bearer(person.token))).status).toBe(401);
    expect((await t.http.get('/api/v1/me').set(bearer(await t.login(person.email, person.password)))).body.status).toBe('active');
  });

  it('provisions the same userName again after DELETE: a new staff member, the old record kept as deleted', async () => {
    const userName = 'Returning.Carer@contoso.example';
    const first = (await scim.post('/Users', entraUser(userName))).body;
    expect((await scim.delete(`/Users/${first.id}`)).status).toBe(204);
    expectScimError(await scim.get(`/Users/${first.id}`), 404);
    expect((await scim.get('/Users', { filter: `userName eq "${userName}"` })).body.totalResults).toBe(0);
    const again = await scim.post('/Users', entraUser(userName));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.id);
    const found = await scim.get('/Users', { filter: `userName eq "${userName.toLowerCase()}"` });
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([again.body.id]);
    // The old record and its history stay, as a leaver.
    const admin = await t.adminToken();
    expect((await t.http.get(`/api/v1/staff/${first.id}`).set(bearer(admin))).body).toMatchObject({ status: 'left', email: userName });
    // The address counts once: for the new person only.
    const taken = await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: userName.toUpperCase(), displayName: 'Someone', roles: ['staff'], password: 'a long enough password' });
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    expectScimError(await scim.post('/Users', entraUser(userName)), 409, 'uniqueness');
    // Deleting the new one too frees the address once more.
    expect((await scim.delete(`/Users/${again.body.id}`)).status).toBe(204);
    expect((await scim.post('/Users', entraUser(userName))).status).toBe(201);
  });

  it('answers /Groups with an empty list when no roles are mapped, and SCIM 404 bodies everywhere', async () => {
    const groups = await scim.get('/Groups', { excludedAttributes: 'members', filter: 'displayName eq "Gatehouse Managers"' });
    expect(groups.status).toBe(200);
    expect(groups.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(groups.body).toEqual({ schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Groups')).body.totalResults).toBe(0);
    expectScimError(await scim.get(`/Groups/${randomUUID()}`), 404);
    expectScimError(await scim.get('/Groups/not-a-uuid'), 404);
    expectScimError(await scim.get(`/Users/${randomUUID()}`), 404);
    expectScimError(await scim.get('/NoSuchThing'), 404);
    expectScimError(await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Carers', members: [] }), 400, 'invalidValue');
  });

  it('honours attributes and excludedAttributes, and pages with startIndex and count', async () => {
    const list = await scim.get('/Users', { attributes: 'userName,name.givenName', count: '2', startIndex: '2' });
    expect(list.body).toMatchObject({ startIndex: 2, itemsPerPage: 2 });
    for (const resource of list.body.Resources) expect(Object.keys(resource).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(Object.keys(list.body.Resources[0].name)).toEqual(['givenName']);
    const all = (await scim.get('/Users', { count: '200' })).body;
    expect(list.body.totalResults).toBe(all.totalResults);
    expect(list.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.Resources.slice(1, 3).map((r: { id: string }) => r.id));
    const slim = (await scim.get(`/Users/${all.Resources[0].id}`, { excludedAttributes: 'emails,meta,name.formatted' })).body;
    expect(slim).not.toHaveProperty('emails');
    expect(slim).not.toHaveProperty('meta');
    expect(slim.name).not.toHaveProperty('formatted');
    expect(slim).toHaveProperty('userName');
    expect((await scim.get('/Users', { count: '0' })).body).toMatchObject({ totalResults: all.totalResults, itemsPerPage: 0, Resources: [] });
  });
});
