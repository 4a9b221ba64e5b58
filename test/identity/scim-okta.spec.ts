import { randomUUID } from 'crypto';
import { ADMIN_EMAIL, bearer, TestApp } from '../support/test-app';
import { expectScimError, GROUP_SCHEMA, scimClient, SCIM_TOKEN, USER_SCHEMA } from './scim-support';

jest.setTimeout(120_000);

/** The user Okta's SCIM 2.0 test suite creates. */
const oktaUser = (userName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Runscope', familyName: 'Tester' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Runscope Tester',
  locale: 'en-GB',
  externalId: `00u${randomUUID().slice(0, 8)}`,
  groups: [],
  password: 'Pushed-by-Okta-1234',
  active: true,
});

/**
 * Okta's SCIM 2.0 SPEC and CRUD test suites, in their order, then Okta's group push with
 * GATEHOUSE_SCIM_GROUP_ROLES mapping groups to roles.
 */
describe('SCIM: Okta', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_SCIM_TOKEN: SCIM_TOKEN, GATEHOUSE_LOG_LEVEL: 'error', GATEHOUSE_SCIM_GROUP_ROLES: 'Gatehouse Managers=manager, Gatehouse Admins=admin' });
    scim = scimClient(t);
  });
  afterAll(() => t.close());

  it('SPEC suite: lists the first user (the bootstrap admin) with name parts, finds, creates, refuses a duplicate, 404s', async () => {
    const first = await scim.get('/Users', { count: '1', startIndex: '1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ totalResults: expect.any(Number), itemsPerPage: 1, startIndex: 1 });
    const admin = first.body.Resources[0];
    expect(admin).toMatchObject({ userName: ADMIN_EMAIL, active: true, emails: [expect.objectContaining({ value: ADMIN_EMAIL })] });
    expect(admin.name.givenName).toEqual(expect.any(String));
    expect(admin.name.familyName).toEqual(expect.any(String));
    expect((await scim.get(`/Users/${admin.id}`)).body.name).toEqual(admin.name);
    expect((await scim.get('/Users', { filter: `userName eq "${admin.userName}"` })).body.totalResults).toBe(1);
    expect((await scim.get('/Users', { filter: `userName eq "${randomUUID()}@atko.example"` })).body.totalResults).toBe(0);

    const userName = `runscope.${randomUUID().slice(0, 8)}@atko.example`;
    const created = await scim.post('/Users', oktaUser(userName));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, active: true, name: { givenName: 'Runscope', familyName: 'Tester' }, locale: 'en-GB' });
    expect(created.body).not.toHaveProperty('password');
    expect(JSON.stringify((await scim.get(`/Users/${created.body.id}`)).body)).not.toContain('Pushed-by-Okta');
    expectScimError(await scim.post('/Users', oktaUser(userName)), 409, 'uniqueness');
    expect((await scim.get('/Users', { filter: `userName eq "${userName.toUpperCase()}"` })).body.Resources[0].id).toBe(created.body.id);
    expectScimError(await scim.get(`/Users/${randomUUID()}`), 404);
  });

  it('CRUD suite: PUT updates the profile, {active:false} deactivates, {active:true} and PUT active:true reactivate', async () => {
    const userName = `crud.${randomUUID().slice(0, 8)}@atko.example`;
    const user = (await scim.post('/Users', oktaUser(userName))).body;
    const put = await scim.put(`/Users/${user.id}`, { ...user, name: { givenName: 'Changed', familyName: 'Person' }, displayName: 'Changed Person', nickName: 'Chang' });
    expect(put.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({ name: { givenName: 'Changed', familyName: 'Person' }, displayName: 'Changed Person', nickName: 'Chang' });

    expect((await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: false } }])).body.active).toBe(false);
    const reactivated = await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: true } }]);
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.active).toBe(true);

    const current = (await scim.get(`/Users/${user.id}`)).body;
    expect((await scim.put(`/Users/${user.id}`, { ...current, active: false })).body.active).toBe(false);
    expect((await scim.put(`/Users/${user.id}`, { ...current, active: true })).body.active).toBe(true);
    const staff = await t.http.get(`/api/v1/staff/${user.id}`).set(bearer(await t.adminToken()));
    expect(staff.body).toMatchObject({ status: 'active', leftAt: null });
  });

  it('lists the mapped groups, found by displayName, with their members', async () => {
    const manager = await t.newStaff(['manager']);
    const list = await scim.get('/Groups');
    expect(list.body.totalResults).toBe(2);
    expect(list.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['Gatehouse Managers', 'Gatehouse Admins']);
    const found = await scim.get('/Groups', { filter: 'displayName eq "gatehouse managers"' });
    expect(found.body.totalResults).toBe(1);
    const group = found.body.Resources[0];
    expect(group).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: 'Gatehouse Managers' });
    expect(group.members).toContainEqual(expect.objectContaining({ value: manager.id }));
    expect((await scim.get(`/Groups/${group.id}`, { excludedAttributes: 'members' })).body).not.toHaveProperty('members');
    // The id is the same after a restart: it comes from the name.
    expect((await scim.get(`/Groups/${group.id}`)).body.id).toBe(group.id);
  });

  it('grants and removes roles through group pushes: POST, PATCH add/remove (both forms), PUT; each audited', async () => {
    const admin = await t.adminToken();
    const a = (await scim.post('/Users', oktaUser(`group.a.${randomUUID().slice(0, 6)}@atko.example`))).body;
    const b = (await scim.post('/Users', oktaUser(`group.b.${randomUUID().slice(0, 6)}@atko.example`))).body;
    const roles = async (id: string) => (await t.http.get(`/api/v1/staff/${id}`).set(bearer(admin))).body.roles;

    const pushed = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Gatehouse Managers', members: [{ value: a.id, display: a.userName }] });
    expect(pushed.status).toBe(201);
    expect(await roles(a.id)).toEqual(['staff', 'manager']);
    // A push sets the members exactly: managers made in Gatehouse who are not in the push lose the role.
    const groupId = pushed.body.id;
    expect(pushed.body.members.map((m: { value: string }) => m.value)).toEqual([a.id]);

    // Okta renames by path-less replace; the same name is accepted, another refused.
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'replace', value: { id: groupId, displayName: 'Gatehouse Managers' } }])).status).toBe(200);
    expectScimError(await scim.patch(`/Groups/${groupId}`, [{ op: 'replace', value: { id: groupId, displayName: 'Other' } }]), 400, 'mutability');

    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'add', path: 'members', value: [{ value: b.id, display: b.userName }] }])).status).toBe(200);
    expect(await roles(b.id)).toEqual(['staff', 'manager']);
    // Okta removes by filter, Entra ID with a value list.
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'remove', path: `members[value eq "${a.id}"]` }])).status).toBe(200);
    expect(await roles(a.id)).toEqual(['staff']);
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: b.id }] }])).status).toBe(200);
    expect(await roles(b.id)).toEqual(['staff']);

    const replaced = await scim.put(`/Groups/${groupId}`, { schemas: [GROUP_SCHEMA], id: groupId, displayName: 'Gatehouse Managers', members: [{ value: a.id }, { value: b.id }] });
    expect(replaced.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    expect(await roles(a.id)).toEqual(['staff', 'manager']);
    expectScimError(await scim.patch(`/Groups/${groupId}`, [{ op: 'add', path: 'members', value: [{ value: randomUUID() }] }]), 400, 'invalidValue');

    const audit = await t.http.get(`/api/v1/audit?subjectId=${a.id}&limit=50`).set(bearer(admin));
    expect(audit.body.items.map((e: { action: string }) => e.action).filter((action: string) => action.startsWith('scim.group')).reverse()).toEqual([
      'scim.group_member_added',
      'scim.group_member_removed',
      'scim.group_member_added',
    ]);
    expect(audit.body.items.find((e: { action: string }) => e.action === 'scim.group_member_removed').details).toEqual({ group: 'Gatehouse Managers', role: 'manager', before: ['staff', 'manager'], after: ['staff'] });
  });

  it('keeps LAST_ADMIN: removing the only active admin from the admins group is refused and changes nothing', async () => {
    const admins = (await scim.get('/Groups', { filter: 'displayName eq "Gatehouse Admins"' })).body.Resources[0];
    const adminId = await t.adminId();
    expect(admins.members.map((m: { value: string }) => m.value)).toEqual([adminId]);
    const refused = await scim.patch(`/Groups/${admins.id}`, [{ op: 'remove', path: `members[value eq "${adminId}"]` }]);
    expectScimError(refused, 409);
    expectScimError(await scim.delete(`/Groups/${admins.id}`), 409);
    expect((await t.http.get('/api/v1/me').set(bearer(await t.adminToken()))).body.roles).toContain('admin');
    // With a second admin added through the group, the first may go.
    const second = (await scim.post('/Users', oktaUser(`second.admin.${randomUUID().slice(0, 6)}@atko.example`))).body;
    expect((await scim.patch(`/Groups/${admins.id}`, [{ op: 'add', path: 'members', value: [{ value: second.id }] }])).status).toBe(200);
    const removed = await scim.patch(`/Groups/${admins.id}`, [{ op: 'remove', path: `members[value eq "${adminId}"]` }]);
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([second.id]);
  });
});
