import { QUIET, leaverScene, compliance } from '../leavers/support';
import { bearer, TestApp } from '../support/test-app';
import { auditFor } from '../governance/fixtures';
import { scimClient, SCIM_TOKEN } from './scim-support';

jest.setTimeout(180_000);

/** POST /staff/{id}/reinstate and SCIM active:true: the person is back, and nothing offboarding ended comes back with them. */
describe('reinstatement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ ...QUIET, GATEHOUSE_SCIM_TOKEN: SCIM_TOKEN });
  });
  afterAll(() => t.close());

  it('brings a leaver back with no session, authorisation or platform role, and the policy to acknowledge again', async () => {
    const s = await leaverScene(t);
    const off = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'contract ended' });
    expect(off.status).toBe(200);
    const reportBefore = (await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.admin))).body;

    const response = await t.http.post(`/api/v1/staff/${s.leaver.id}/reinstate`).set(bearer(s.admin)).send({ reason: 'offboarded by mistake' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: s.leaver.id, status: 'active', leavingAt: null, leftAt: null, policyAcknowledgement: null });

    // Old sessions stay dead; a new sign-in works.
    for (const token of [s.leaver.token, ...s.otherTokens]) expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(401);
    const token = await t.login(s.leaver.email, s.leaver.password);
    // No authorisation came back: drafting is refused.
    const authorisations = await t.http.get(`/api/v1/staff/${s.leaver.id}/authorisations`).set(bearer(token));
    expect(authorisations.body.items.length).toBe(2);
    expect(authorisations.body.items.every((a: { active: boolean; revokeReason: string }) => !a.active && a.revokeReason === 'leaver')).toBe(true);
    // The policy must be acknowledged again before a manager can authorise them.
    const grant = await t.http.post(`/api/v1/accounts/${s.account.id}/authorisations`).set(bearer(s.manager.token)).send({ staffId: s.leaver.id, reason: 'back at work' });
    expect(grant.status).toBe(409);
    expect(grant.body.code).toBe('POLICY_NOT_ACKNOWLEDGED');
    expect((await compliance(t)).staffWithoutPolicyAcknowledgement).toContain(s.leaver.id);
    expect((await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(token))).status).toBe(201);
    expect((await t.http.post(`/api/v1/accounts/${s.account.id}/authorisations`).set(bearer(s.manager.token)).send({ staffId: s.leaver.id, reason: 'back at work' })).status).toBe(201);

    // The platform-role task stays open and the credentials still need rotating; the report is as it was.
    const reportAfter = (await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.admin))).body;
    expect(reportAfter).toEqual(reportBefore);
    expect(reportAfter.tasks).toEqual([expect.objectContaining({ accountId: s.account2.id, status: 'open' })]);
    const account = await t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.admin));
    expect(account.body.credentialRotationRequired).toBe(true);

    const entry = (await auditFor(t, s.leaver.id)).find((e) => e.action === 'staff.reinstated');
    expect(entry).toMatchObject({ actorId: await t.adminId(), details: { reason: 'offboarded by mistake', policyAcknowledgementsWithdrawn: [expect.objectContaining({ policyVersion: '2026.1' })] } });
  });

  it('answers 409 NOT_LEFT for someone who has not left (a future leave included), 403 to a non-admin, 400 without a reason', async () => {
    const admin = await t.adminToken();
    const person = await t.newStaff(['staff']);
    const manager = await t.newStaff(['manager']);
    const notLeft = await t.http.post(`/api/v1/staff/${person.id}/reinstate`).set(bearer(admin)).send({ reason: 'x' });
    expect(notLeft.status).toBe(409);
    expect(notLeft.body.code).toBe('NOT_LEFT');
    const future = new Date(t.now().getTime() + 3600_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${person.id}/offboard`).set(bearer(admin)).send({ reason: 'moving', effectiveAt: future })).status).toBe(202);
    expect((await t.http.post(`/api/v1/staff/${person.id}/reinstate`).set(bearer(admin)).send({ reason: 'x' })).body.code).toBe('NOT_LEFT');
    expect((await t.http.post(`/api/v1/staff/${person.id}/reinstate`).set(bearer(manager.token)).send({ reason: 'x' })).status).toBe(403);
    expect((await t.http.post(`/api/v1/staff/${person.id}/reinstate`).set(bearer(admin)).send({})).status).toBe(400);
    expect((await t.http.post('/api/v1/staff/00000000-0000-4000-8000-000000000000/reinstate').set(bearer(admin)).send({ reason: 'x' })).status).toBe(404);
  });

  it('reinstates someone whose leaving time passed before the job ran, applying the leave first', async () => {
    const admin = await t.adminToken();
    const person = await t.newStaff(['staff']);
    const soon = new Date(t.now().getTime() + 60_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${person.id}/offboard`).set(bearer(admin)).send({ reason: 'moving', effectiveAt: soon })).status).toBe(202);
    t.travel(2 * 60_000);
    const response = await t.http.post(`/api/v1/staff/${person.id}/reinstate`).set(bearer(admin)).send({ reason: 'stayed after all' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active', leavingAt: null, leftAt: null });
    expect((await t.http.get('/api/v1/me').set(bearer(person.token))).status).toBe(401);
    const report = await t.http.get(`/api/v1/staff/${person.id}/offboarding-report`).set(bearer(admin));
    expect(report.body).toMatchObject({ reason: 'moving', sessionsRevoked: 1, completedAt: expect.any(String) });
  });

  it('through SCIM: restoring a disabled user reinstates them with reason identity provider', async () => {
    const admin = await t.adminToken();
    const person = await t.newStaff(['staff']);
    const scim = scimClient(t);
    expect((await scim.patch(`/Users/${person.id}`, [{ op: 'Replace', path: 'active', value: 'False' }])).body.active).toBe(false);
    expect((await t.http.get('/api/v1/me').set(bearer(person.token))).status).toBe(401);
    const restored = await scim.patch(`/Users/${person.id}`, [{ op: 'Replace', path: 'active', value: 'True' }]);
    expect(restored.status).toBe(200);
    expect(restored.body.active).toBe(true);
    const staff = await t.http.get(`/api/v1/staff/${person.id}`).set(bearer(admin));
    expect(staff.body).toMatchObject({ status: 'active', leftAt: null, leavingAt: null });
    expect((await t.http.get('/api/v1/me').set(bearer(person.token))).status).toBe(401);
    const entry = (await auditFor(t, person.id)).find((e) => e.action === 'staff.reinstated');
    expect(entry).toMatchObject({ actorId: null, details: { reason: 'identity provider' } });
    // Restoring an active user again changes nothing.
    expect((await scim.patch(`/Users/${person.id}`, [{ op: 'Replace', path: 'active', value: 'True' }])).status).toBe(200);
    expect((await auditFor(t, person.id)).filter((e) => e.action === 'staff.reinstated').length).toBe(1);
  });
});
