import { bearer } from '../support/test-app';
import { useApp } from '../support/world';

describe('social media policy and acknowledgement', () => {
  const t = useApp();
  let admin: string;
  beforeAll(async () => {
    admin = await t.adminToken();
  });

  it('answers NO_POLICY before any policy exists, and nothing blocks on it', async () => {
    const staff = await t.newStaff(['staff']);
    const current = await t.http.get('/api/v1/policies/current').set(bearer(staff.token));
    expect(current.status).toBe(404);
    expect(current.body.code).toBe('NO_POLICY');
  });

  it('publishes versions, defaults the dates, refuses a duplicate version and tracks who acknowledged', async () => {
    const manager = await t.newStaff(['manager']);
    const alice = await t.newStaff(['staff']);
    const bob = await t.newStaff(['staff']);

    const created = await t.http.post('/api/v1/policies').set(bearer(manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });
    expect(created.status).toBe(201);
    const effective = Date.parse(created.body.effectiveFrom);
    expect(Math.abs(effective - t.now().getTime())).toBeLessThan(10_000);
    const review = new Date(created.body.reviewDueAt);
    expect(review.getUTCFullYear()).toBe(new Date(effective).getUTCFullYear() + 1);
    expect(created.body.createdById).toBe(manager.id);

    const duplicate = await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: '2026.1', title: 'Again', text: 'x' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('VERSION_EXISTS');

    const current = await t.http.get('/api/v1/policies/current').set(bearer(alice.token));
    expect(current.body).toMatchObject({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });

    const first = await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(alice.token));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ policyVersion: '2026.1', acknowledgedAt: expect.stringMatching(/Z$/) });
    const second = await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(alice.token));
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);

    const me = await t.http.get('/api/v1/me').set(bearer(alice.token));
    expect(me.body.policyAcknowledgement).toEqual(first.body);

    const report = await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(manager.token));
    expect(report.status).toBe(200);
    expect(report.body.policyVersion).toBe('2026.1');
    expect(report.body.acknowledged).toEqual([{ staffId: alice.id, acknowledgedAt: first.body.acknowledgedAt }]);
    expect(report.body.outstanding).toEqual(expect.arrayContaining([bob.id, manager.id]));
    expect(report.body.outstanding).not.toContain(alice.id);
  });

  it('makes everyone acknowledge again when a new version takes effect, and not before', async () => {
    const alice = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(alice.token));
    const inAnHour = new Date(t.now().getTime() + 3600_000).toISOString();
    const next = await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: '2027.1', title: 'Revised', text: 'New rules.', effectiveFrom: inAnHour });
    expect(next.status).toBe(201);
    expect((await t.http.get('/api/v1/policies/current').set(bearer(alice.token))).body.version).toBe('2026.1');
    let report = await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(admin));
    expect(report.body.acknowledged.map((a: { staffId: string }) => a.staffId)).toContain(alice.id);

    t.travel(3600_000 + 1000);
    expect((await t.http.get('/api/v1/policies/current').set(bearer(alice.token))).body.version).toBe('2027.1');
    report = await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(admin));
    expect(report.body.policyVersion).toBe('2027.1');
    expect(report.body.outstanding).toContain(alice.id);
  });

  it('refuses a review date before the policy takes effect, and leavers are not outstanding', async () => {
    const bad = await t.http
      .post('/api/v1/policies')
      .set(bearer(admin))
      .send({ version: 'bad', title: 'x', text: 'x', effectiveFrom: '2030-01-01T00:00:00Z', reviewDueAt: '2029-01-01T00:00:00Z' });
    expect(bad.status).toBe(400);
    const leaver = await t.newStaff(['staff']);
    await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = '${leaver.id}'`);
    const report = await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(admin));
    expect(report.body.outstanding).not.toContain(leaver.id);
  });
});
