import { completeDpia, createAccount } from '../governance/fixtures';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { deepJson } from './fuzz-cases';

/** Malformed input answers 400 VALIDATION_FAILED naming the field, on every route; text is stored as sent. */
describe('malformed input', () => {
  let t: TestApp;
  let admin: string;
  let manager: TestStaff;
  let dpo: TestStaff;
  let colleague: TestStaff;
  let accountId: string;
  const someId = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    manager = await t.newStaff(['manager']);
    dpo = await t.newStaff(['dpo']);
    colleague = await t.newStaff(['staff']);
    accountId = (await createAccount(t, manager.id)).id;
  });
  afterAll(() => t.close());

  /** 400 VALIDATION_FAILED with `details` naming the field (or a path inside it). */
  function expectRefused(response: { status: number; body: any }, field: string) {
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const named: string[] = response.body.details.map((d: { field: string }) => d.field);
    expect(named.filter((name) => name === field || name.startsWith(`${field}.`))).not.toEqual([]);
  }

  type Send = (value: unknown) => Promise<{ status: number; body: any }>;
  /** Every date field of every DTO, and every date query parameter. */
  const dateFields: [string, string, () => Send][] = [
    ['POST /policies', 'effectiveFrom', () => (v) => t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'd', title: 'T', text: 'x', effectiveFrom: v })],
    ['POST /policies', 'reviewDueAt', () => (v) => t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'd', title: 'T', text: 'x', reviewDueAt: v })],
    ['PATCH /staff/{id}', 'trainingCompletedAt', () => (v) => t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ trainingCompletedAt: v })],
    ['POST /accounts/{id}/authorisations', 'expiresAt', () => (v) => t.http.post(`/api/v1/accounts/${accountId}/authorisations`).set(bearer(manager.token)).send({ staffId: colleague.id, reason: 'r', expiresAt: v })],
    ['PUT /accounts/{id}/credentials', 'expiresAt', () => (v) => t.http.put(`/api/v1/accounts/${accountId}/credentials`).set(bearer(admin)).send({ accessToken: 'token', expiresAt: v })],
    ['POST /drafts', 'scheduledFor', () => (v) => t.http.post('/api/v1/drafts').set(bearer(colleague.token)).send({ accountId, text: 'x', scheduledFor: v })],
    ['PATCH /drafts/{id}', 'scheduledFor', () => (v) => t.http.patch(`/api/v1/drafts/${someId}`).set(bearer(colleague.token)).send({ scheduledFor: v })],
    ['POST /drafts/{id}/approve', 'scheduledFor', () => (v) => t.http.post(`/api/v1/drafts/${someId}/approve`).set(bearer(manager.token)).send({ revisionId: someId, scheduledFor: v })],
    ['POST /staff/{id}/offboard', 'effectiveAt', () => (v) => t.http.post(`/api/v1/staff/${colleague.id}/offboard`).set(bearer(admin)).send({ reason: 'r', effectiveAt: v })],
    ['POST /accounts/{id}/dpia/sign-off', 'reviewDueAt', () => (v) => t.http.post(`/api/v1/accounts/${accountId}/dpia/sign-off`).set(bearer(dpo.token)).send({ decision: 'approved', dpoAdvice: 'ok', reviewDueAt: v })],
    ['GET /audit', 'from', () => (v) => t.http.get('/api/v1/audit').query({ from: v }).set(bearer(admin))],
    ['GET /audit', 'to', () => (v) => t.http.get('/api/v1/audit').query({ to: v }).set(bearer(admin))],
  ];
  const badDates = ['2027-W01', '20271201', '2027-12-01T10:00:00,5Z', '2027-02-30T10:00:00Z', '2027-12-01T24:00:00Z', '2027-12-01T10:00:00', '2027-12-01'];

  it.each(dateFields)('%s refuses dates that are not strict UTC instants in %s', async (_, field, send) => {
    for (const value of badDates) expectRefused(await send()(value), field);
  });

  it('stores an accepted instant in the one fixed-width form', async () => {
    const response = await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'instant', title: 'T', text: 'x', effectiveFrom: '2026-01-01T00:00:00Z', reviewDueAt: '2027-01-01T00:00:00.5Z' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ effectiveFrom: '2026-01-01T00:00:00.000Z', reviewDueAt: '2027-01-01T00:00:00.500Z' });
  });

  it('refuses a NUL byte in any string, signed in or not, in bodies, queries and paths', async () => {
    expectRefused(await t.http.post('/api/v1/auth/login').send({ email: 'a\u0000@example.test', password: 'x' }), 'email');
    expectRefused(await t.http.post('/web/session').send({ email: 'admin@example.test', password: 'pass\u0000word' }), 'password');
    expectRefused(await t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ displayName: 'Ada\u0000' }), 'displayName');
    expectRefused(await t.http.get('/api/v1/audit?action=staff%00created').set(bearer(admin)), 'action');
    expectRefused(await t.http.get('/api/v1/staff/%00').set(bearer(admin)), 'id');
    expectRefused(
      await t.http.post('/api/v1/content-checks').set(bearer(admin)).send({ accountId, text: 'x', media: [{ mediaId: someId, altText: 'a\u0000', depicts: { staffIds: [], serviceUsers: false, public: false } }] }),
      'media.0.altText',
    );
    expectRefused(await t.http.post('/api/v1/auth/login').send({ email: 'a@example.test', password: 'x', 'n\u0000': 1 }), 'n\u0000');
  });

  it('refuses lone surrogates in any string', async () => {
    expectRefused(await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "\\ud800@example.test", "password": "x"}'), 'email');
    expectRefused(await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 's@example.test', displayName: 'x\udc00', roles: ['staff'], password: 'a long enough password' }), 'displayName');
    expectRefused(await t.http.put(`/api/v1/accounts/${accountId}/dpia`).set(bearer(manager.token)).send(completeDpia({ dataSubjects: ['staff', '\ud83d'] })), 'dataSubjects.1');
  });

  it('refuses a body nested 5,000 levels deep before validation reads it, on every route', async () => {
    const deep = `{"email": ${deepJson(5000)}, "password": "x"}`;
    expectRefused(await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deep), 'email');
    const response = await t.http.post('/api/v1/drafts').set(bearer(colleague.token)).set('Content-Type', 'application/json').send(deepJson(5000));
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  describe('media items and nulls', () => {
    const depicts = { staffIds: [], serviceUsers: false, public: false };
    const item = { mediaId: someId, altText: 'The garden', depicts, rights: 'own' };
    const draftBody = (media: unknown) => ({ accountId, text: 'x', media });

    it.each([
      ['without depicts', [{ ...item, depicts: undefined }], 'media.0.depicts'],
      ['with depicts null', [{ ...item, depicts: null }], 'media.0.depicts'],
      ['with depicts an array', [{ ...item, depicts: [depicts] }], 'media.0.depicts'],
      ['as a nested array', [[item]], 'media'],
      ['with a null item', [null], 'media.0'],
      ['with staffIds null', [{ ...item, depicts: { ...depicts, staffIds: null } }], 'media.0.depicts.staffIds'],
      ['as an object', { 0: item }, 'media'],
    ])('refuses media %s on create, update and content checks', async (_, media, field) => {
      expectRefused(await t.http.post('/api/v1/drafts').set(bearer(colleague.token)).send(draftBody(media)), field);
      expectRefused(await t.http.patch(`/api/v1/drafts/${someId}`).set(bearer(colleague.token)).send({ media }), field);
      expectRefused(await t.http.post('/api/v1/content-checks').set(bearer(colleague.token)).send(draftBody(media)), field);
    });

    it('refuses media: null on PATCH and null where a field cannot be cleared', async () => {
      expectRefused(await t.http.patch(`/api/v1/drafts/${someId}`).set(bearer(colleague.token)).send({ media: null }), 'media');
      expectRefused(await t.http.patch(`/api/v1/drafts/${someId}`).set(bearer(colleague.token)).send({ text: null }), 'text');
      expectRefused(await t.http.patch(`/api/v1/accounts/${accountId}`).set(bearer(admin)).send({ name: null }), 'name');
      expectRefused(await t.http.patch(`/api/v1/accounts/${accountId}`).set(bearer(admin)).send({ ownerId: null }), 'ownerId');
      expectRefused(await t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ displayName: null }), 'displayName');
      expectRefused(await t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ roles: null }), 'roles');
      expectRefused(await t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', name: null, externalId: 'p', ownerId: manager.id }), 'name');
      expectRefused(await t.http.post('/api/v1/staff/' + colleague.id + '/offboard').set(bearer(admin)).send({ reason: 'r', transferToId: null }), 'transferToId');
      expectRefused(await t.http.put(`/api/v1/accounts/${accountId}/dpia`).set(bearer(manager.token)).send(completeDpia({ screening: null })), 'screening');
      expectRefused(await t.http.put(`/api/v1/accounts/${accountId}/dpia`).set(bearer(manager.token)).send(completeDpia({ risks: [null] })), 'risks.0');
    });

    it('still clears the fields that null clears', async () => {
      const response = await t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ lineManagerId: null, trainingCompletedAt: null });
      expect(response.status).toBe(200);
    });
  });

  describe('blank names and reasons', () => {
    const blanks = ['   ', '\t\n', '\u00a0\u2003', '\u200b'];
    const fields: [string, string, () => Send][] = [
      ['POST /staff', 'displayName', () => (v) => t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'blank@example.test', displayName: v, roles: ['staff'], password: 'a long enough password' })],
      ['PATCH /staff/{id}', 'displayName', () => (v) => t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ displayName: v })],
      ['POST /accounts', 'name', () => (v) => t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', name: v, externalId: 'p', ownerId: manager.id })],
      ['PATCH /accounts/{id}', 'name', () => (v) => t.http.patch(`/api/v1/accounts/${accountId}`).set(bearer(admin)).send({ name: v })],
      ['POST /accounts/{id}/suspend', 'reason', () => (v) => t.http.post(`/api/v1/accounts/${accountId}/suspend`).set(bearer(admin)).send({ reason: v })],
      ['POST /accounts/{id}/authorisations', 'reason', () => (v) => t.http.post(`/api/v1/accounts/${accountId}/authorisations`).set(bearer(manager.token)).send({ staffId: colleague.id, reason: v })],
      ['POST /authorisations/{id}/revoke', 'reason', () => (v) => t.http.post(`/api/v1/authorisations/${someId}/revoke`).set(bearer(manager.token)).send({ reason: v })],
      ['POST /drafts/{id}/reject', 'reason', () => (v) => t.http.post(`/api/v1/drafts/${someId}/reject`).set(bearer(manager.token)).send({ reason: v })],
      ['POST /drafts/{id}/request-changes', 'comment', () => (v) => t.http.post(`/api/v1/drafts/${someId}/request-changes`).set(bearer(manager.token)).send({ comment: v })],
      ['POST /drafts/{id}/take-down', 'reason', () => (v) => t.http.post(`/api/v1/drafts/${someId}/take-down`).set(bearer(manager.token)).send({ reason: v })],
      ['POST /staff/{id}/offboard', 'reason', () => (v) => t.http.post(`/api/v1/staff/${colleague.id}/offboard`).set(bearer(admin)).send({ reason: v })],
      ['POST /offboarding-tasks/{id}/complete', 'note', () => (v) => t.http.post(`/api/v1/offboarding-tasks/${someId}/complete`).set(bearer(admin)).send({ note: v })],
      ['POST /policies', 'title', () => (v) => t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'blank', title: v, text: 'x' })],
      ['POST /policies', 'version', () => (v) => t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: v, title: 'T', text: 'x' })],
      ['POST /accounts/{id}/dpia/sign-off', 'dpoAdvice', () => (v) => t.http.post(`/api/v1/accounts/${accountId}/dpia/sign-off`).set(bearer(dpo.token)).send({ decision: 'approved', dpoAdvice: v })],
    ];

    it.each(fields)('%s refuses a blank %s', async (_, field, send) => {
      for (const blank of blanks) expectRefused(await send()(blank), field);
    });
  });

  it('stores text as sent, the DPIA purpose included', async () => {
    const account = await createAccount(t, manager.id);
    const purpose = '  Share news with families.\n';
    const saved = await t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(manager.token)).send(completeDpia({ purpose, lawfulBasis: ' legitimate interests ' }));
    expect(saved.status).toBe(200);
    const read = await t.http.get(`/api/v1/accounts/${account.id}/dpia`).set(bearer(manager.token));
    expect(read.body.draft ?? read.body).toMatchObject({ purpose, lawfulBasis: ' legitimate interests ' });
    const renamed = await t.http.patch(`/api/v1/staff/${colleague.id}`).set(bearer(admin)).send({ displayName: ' Ada  Lovelace ' });
    expect(renamed.body.displayName).toBe(' Ada  Lovelace ');
    const created = await createAccount(t, manager.id, { name: ' Riverside  Care ', externalId: ' page 1 ' });
    expect(created).toMatchObject({ name: ' Riverside  Care ', externalId: ' page 1 ' });
    const renamedAccount = await t.http.patch(`/api/v1/accounts/${account.id}`).set(bearer(admin)).send({ name: 'Riverside\n' });
    expect(renamedAccount.body.name).toBe('Riverside\n');
  });
});
