import { bearer, TestApp, TestStaff } from '../support/test-app';
import { QUIET } from '../leavers/support';

jest.setTimeout(120_000);

const SCIM_TOKEN = 'scim-token-access-0123456789abcdef0123456789';
const SCIM = { Authorization: `Bearer ${SCIM_TOKEN}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const HOUR = 3_600_000;

/**
 * Two admins, the bootstrap one and a colleague; every change that would leave some future instant
 * with no active admin answers 409 LAST_ADMIN, and changes nothing.
 */
describe('LAST_ADMIN counts admins as of every future leaving time', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let second: TestStaff;

  beforeAll(async () => {
    t = await TestApp.start({ ...QUIET, GATEHOUSE_SCIM_TOKEN: SCIM_TOKEN });
    admin = await t.adminToken();
    adminId = await t.adminId();
    second = await t.newStaff(['admin']);
  });
  afterAll(() => t.close());

  /** Back to two admins with no leave scheduled. */
  afterEach(async () => {
    for (const id of [adminId, second.id]) await t.http.delete(`/api/v1/staff/${id}/offboard`).set(bearer(admin));
  });

  const scheduleLeave = (token: string, staffId: string, inHours: number) =>
    t.http.post(`/api/v1/staff/${staffId}/offboard`).set(bearer(token)).send({ reason: 'Moving on', effectiveAt: new Date(t.now().getTime() + inHours * HOUR).toISOString() });
  const setRoles = (token: string, staffId: string, roles: string[]) => t.http.patch(`/api/v1/staff/${staffId}`).set(bearer(token)).send({ roles });
  const expectLastAdmin = (response: { status: number; body: { code?: string } }) => {
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('LAST_ADMIN');
  };
  const staff = async (id: string) => (await t.http.get(`/api/v1/staff/${id}`).set(bearer(admin))).body;

  it('refuses removing one’s own admin role once the other admin’s leave is scheduled', async () => {
    expect((await scheduleLeave(admin, second.id, 24)).status).toBe(202);
    expectLastAdmin(await setRoles(admin, adminId, ['staff']));
    expect((await staff(adminId)).roles).toContain('admin');
  });

  it('refuses removing the other admin’s role while one’s own leave is scheduled', async () => {
    expect((await scheduleLeave(second.token, adminId, 24)).status).toBe(202);
    expectLastAdmin(await setRoles(admin, second.id, ['manager']));
    expect((await staff(second.id)).roles).toEqual(['admin']);
  });

  it('allows it when the admin who stays has no leave: the person leaving may also lose the role', async () => {
    expect((await scheduleLeave(admin, second.id, 24)).status).toBe(202);
    const changed = await setRoles(admin, second.id, ['staff']);
    expect(changed.status).toBe(200);
    expect((await setRoles(admin, second.id, ['admin'])).status).toBe(200);
  });

  it('refuses a second scheduled leave, earlier or later than the first', async () => {
    expect((await scheduleLeave(admin, second.id, 24)).status).toBe(202);
    for (const hours of [12, 48]) {
      expectLastAdmin(await scheduleLeave(second.token, adminId, hours));
      expect((await staff(adminId)).leavingAt).toBeNull();
    }
  });

  it('refuses offboarding the other admin now while one’s own leave is scheduled', async () => {
    expect((await scheduleLeave(second.token, adminId, 24)).status).toBe(202);
    expectLastAdmin(await t.http.post(`/api/v1/staff/${second.id}/offboard`).set(bearer(admin)).send({ reason: 'Dismissed' }));
    expect((await staff(second.id)).status).toBe('active');
  });

  it('refuses SCIM deactivation of an admin while the other admin’s leave is scheduled', async () => {
    const created = await t.http.post('/scim/v2/Users').set(SCIM).send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'it.admin@contoso.example',
      emails: [{ primary: true, type: 'work', value: 'it.admin@contoso.example' }],
      displayName: 'IT Admin',
      active: true,
    });
    expect(created.status).toBe(201);
    const scimAdmin = created.body.id;
    expect((await setRoles(admin, scimAdmin, ['admin'])).status).toBe(200);
    // Now three admins: the bootstrap admin leaves tomorrow, the second loses the role.
    expect((await scheduleLeave(admin, adminId, 24)).status).toBe(202);
    expect((await setRoles(admin, second.id, ['staff'])).status).toBe(200);
    try {
      const deactivated = await t.http.patch(`/scim/v2/Users/${scimAdmin}`).set(SCIM).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
      expect(deactivated.status).toBe(409);
      expect((await staff(scimAdmin)).status).toBe('active');
      expect((await t.http.delete(`/scim/v2/Users/${scimAdmin}`).set(SCIM)).status).toBe(409);
      expect((await staff(scimAdmin)).status).toBe('active');
    } finally {
      expect((await setRoles(admin, second.id, ['admin'])).status).toBe(200);
    }
  });
});
