import { bearer, TestApp } from '../support/test-app';
import { completeDpia } from './fixtures';

describe('done when: from a new account to a colleague who can see it', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('admin creates, manager assesses, DPO signs off, the account activates only then, and an authorised colleague sees it', async () => {
    const admin = await t.adminToken();
    const manager = await t.newStaff(['manager']);
    const dpo = await t.newStaff(['dpo']);
    const colleague = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies').set(bearer(manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });

    const created = await t.http
      .post('/api/v1/accounts')
      .set(bearer(admin))
      .send({ platform: 'facebook', name: 'Riverside Care Home', externalId: '1029384756', ownerId: manager.id, mode: 'live' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'pending_dpia', publishable: false, dpia: { status: 'not_started', reviewDueAt: null } });
    expect((await t.http.put(`/api/v1/accounts/${id}/credentials`).set(bearer(admin)).send({ accessToken: 'page-token' })).status).toBe(204);

    const tooEarly = await t.http.post(`/api/v1/accounts/${id}/activate`).set(bearer(manager.token));
    expect(tooEarly.body.code).toBe('DPIA_NOT_APPROVED');

    expect((await t.http.put(`/api/v1/accounts/${id}/dpia`).set(bearer(manager.token)).send(completeDpia())).status).toBe(200);
    const submitted = await t.http.post(`/api/v1/accounts/${id}/dpia/submit`).set(bearer(manager.token));
    expect(submitted.body.status).toBe('awaiting_sign_off');
    expect((await t.http.post(`/api/v1/accounts/${id}/activate`).set(bearer(manager.token))).body.code).toBe('DPIA_NOT_APPROVED');

    const signed = await t.http.post(`/api/v1/accounts/${id}/dpia/sign-off`).set(bearer(dpo.token)).send({ decision: 'approved', dpoAdvice: 'Proportionate.' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'approved', signedOffById: dpo.id, inForce: { version: 1 } });
    expect((await t.http.get(`/api/v1/accounts/${id}`).set(bearer(admin))).body).toMatchObject({ status: 'pending_dpia', publishable: false });

    const activated = await t.http.post(`/api/v1/accounts/${id}/activate`).set(bearer(manager.token));
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ status: 'active', publishable: true, dpia: { status: 'approved', reviewDueAt: signed.body.reviewDueAt } });

    expect((await t.http.get(`/api/v1/accounts/${id}`).set(bearer(colleague.token))).status).toBe(404);
    const refused = await t.http.post(`/api/v1/accounts/${id}/authorisations`).set(bearer(manager.token)).send({ staffId: colleague.id, reason: 'Runs the home’s news' });
    expect(refused.body.code).toBe('POLICY_NOT_ACKNOWLEDGED');
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(colleague.token));
    const granted = await t.http.post(`/api/v1/accounts/${id}/authorisations`).set(bearer(manager.token)).send({ staffId: colleague.id, reason: 'Runs the home’s news' });
    expect(granted.status).toBe(201);

    const seen = await t.http.get(`/api/v1/accounts/${id}`).set(bearer(colleague.token));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id, name: 'Riverside Care Home', publishable: true, hasCredentials: true });
    expect(JSON.stringify(seen.body)).not.toContain('page-token');
    expect((await t.http.get('/api/v1/accounts').set(bearer(colleague.token))).body.items.map((a: { id: string }) => a.id)).toEqual([id]);

    const verify = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    expect(verify.body.valid).toBe(true);
    const actions = (await t.http.get(`/api/v1/audit?subjectId=${id}`).set(bearer(admin))).body.items.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual(['account.created', 'account.credentials_replaced', 'dpia.version_opened', 'dpia.submitted', 'dpia.approved', 'account.activated']);
  });
});
