import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer } from '../support/test-app';
import { useWorld } from '../support/world';
import { approveDpia, auditFor, cast, completeDpia, createAccount } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the DPIA of an account', () => {
  const { t, s: c } = useWorld(cast);

  const dpiaUrl = (id: string, suffix = '') => `/api/v1/accounts/${id}/dpia${suffix}`;

  it('reads not_started before anyone starts one, with every field present', async () => {
    const account = await createAccount(t, c.manager.id);
    const response = await t.http.get(dpiaUrl(account.id)).set(bearer(c.dpo.token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accountId: account.id,
      version: null,
      status: 'not_started',
      purpose: null,
      dataCategories: [],
      dataSubjects: [],
      lawfulBasis: null,
      screening: null,
      risks: [],
      documentUrl: null,
      submittedById: null,
      submittedAt: null,
      signedOffById: null,
      signedOffAt: null,
      decision: null,
      dpoAdvice: null,
      icoConsultationReference: null,
      reviewDueAt: null,
      inForce: null,
      // The DPO signs off; before anything is written there is nothing to sign.
      allowedActions: [],
    });
    expect((await t.http.get(dpiaUrl('6b3f1d0e-9f55-4a8e-bb0e-000000000000')).set(bearer(c.dpo.token))).status).toBe(404);
  });

  it('saves a draft modelled on the ICO template, and validates its shape', async () => {
    const account = await createAccount(t, c.manager.id);
    const saved = await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, status: 'draft', ...completeDpia(), inForce: null, submittedById: null });

    const bad = [
      { risks: [{ description: 'x', likelihood: 'likely', severity: 'minimal', mitigation: '', residualRisk: 'low' }] },
      { risks: [{ description: 'x', likelihood: 'remote', severity: 'minimal', mitigation: '', residualRisk: 'extreme' }] },
      { risks: [{ description: 'x', likelihood: 'remote', severity: 'minimal', mitigation: '', residualRisk: 'low', extra: 1 }] },
      { screening: { vulnerableSubjects: 'yes' } },
      { dataCategories: 'names' },
      { documentUrl: 'not a url' },
      { screening: null },
      { risks: null },
      { risks: [null] },
      { lawfulBasis: 42 },
    ];
    for (const overrides of bad) {
      const response = await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia(overrides));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const { purpose: _purpose, ...withoutPurpose } = completeDpia();
    expect((await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(withoutPurpose)).status).toBe(400);
  });

  it('refuses to submit without a purpose or a risk (DPIA_INCOMPLETE), or with nothing to submit', async () => {
    const account = await createAccount(t, c.manager.id);
    const nothing = await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('INVALID_STATE');

    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia({ purpose: '  ', risks: [] }));
    const incomplete = await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.code).toBe('DPIA_INCOMPLETE');
    expect(incomplete.body.details).toEqual({ missing: ['purpose', 'risks'] });

    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia({ risks: [] }));
    expect((await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token))).body.code).toBe('DPIA_INCOMPLETE');

    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia());
    const submitted = await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'awaiting_sign_off', submittedById: c.manager.id, submittedAt: expect.stringMatching(/Z$/) });
    const twice = await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    expect(twice.body.code).toBe('INVALID_STATE');
  });

  it('forbids the submitter from signing off their own DPIA', async () => {
    const account = await createAccount(t, c.manager.id);
    const dpoManager = await t.newStaff(['dpo', 'manager']);
    await t.http.put(dpiaUrl(account.id)).set(bearer(dpoManager.token)).send(completeDpia());
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(dpoManager.token));
    const self = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(dpoManager.token)).send({ decision: 'approved', dpoAdvice: 'fine' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_SIGN_OFF_FORBIDDEN');
    expect((await t.http.get(dpiaUrl(account.id)).set(bearer(c.admin))).body.status).toBe('awaiting_sign_off');
    const other = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'fine' });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ status: 'approved', signedOffById: c.dpo.id, decision: 'approved', dpoAdvice: 'fine' });
  });

  it('cannot sign off a draft', async () => {
    const account = await createAccount(t, c.manager.id);
    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia());
    const response = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'x' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_STATE');
  });

  it('needs an ICO consultation reference to approve a high residual risk', async () => {
    const account = await createAccount(t, c.manager.id);
    const risky = completeDpia({
      risks: [
        { description: 'Low one', likelihood: 'remote', severity: 'minimal', mitigation: 'none needed', residualRisk: 'low' },
        { description: 'Residents filmed in communal areas', likelihood: 'probable', severity: 'severe', mitigation: 'training', residualRisk: 'high' },
      ],
    });
    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(risky);
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    const refused = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'ok' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('HIGH_RESIDUAL_RISK');
    const approved = await t.http
      .post(dpiaUrl(account.id, '/sign-off'))
      .set(bearer(c.dpo.token))
      .send({ decision: 'approved', dpoAdvice: 'ok after consultation', icoConsultationReference: 'ICO-2026-0042' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', icoConsultationReference: 'ICO-2026-0042' });
  });

  it('rejecting with a high residual risk needs no reference, and leaves nothing in force', async () => {
    const account = await createAccount(t, c.manager.id);
    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia({ risks: [{ description: 'x', likelihood: 'probable', severity: 'severe', mitigation: '', residualRisk: 'high' }] }));
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    const rejected = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'rejected', dpoAdvice: 'Do not post video.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: 'rejected', reviewDueAt: null, inForce: null });
    expect((await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.manager.token))).body.code).toBe('DPIA_NOT_APPROVED');
    // Amending a rejected DPIA opens version 2; version 1 and its advice stay on record.
    const amended = await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia());
    expect(amended.body).toMatchObject({ version: 2, status: 'draft' });
  });

  it('defaults the review to 12 months ahead; an explicit one must be future and at most 36 months ahead', async () => {
    const account = await createAccount(t, c.manager.id);
    await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia());
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    const now = t.now().getTime();
    for (const reviewDueAt of [new Date(now - DAY).toISOString(), new Date(now + 37 * 31 * DAY).toISOString(), 'next year']) {
      const response = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'ok', reviewDueAt });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const approved = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'ok' });
    const due = new Date(approved.body.reviewDueAt);
    const expected = new Date(now);
    expected.setUTCMonth(expected.getUTCMonth() + 12);
    expect(Math.abs(due.getTime() - expected.getTime())).toBeLessThan(60_000);
    expect(approved.body.inForce).toEqual({ version: 1, reviewDueAt: approved.body.reviewDueAt });

    const other = await createAccount(t, c.manager.id);
    const explicit = new Date(now + 35 * 30 * DAY).toISOString();
    const signed = await approveDpia(t, other.id, c, { reviewDueAt: explicit });
    expect(signed.reviewDueAt).toBe(explicit);
  });

  it('keeps the approved version in force while an amendment is drafted, and replaces it on approval', async () => {
    const account = await createAccount(t, c.manager.id);
    const v1 = await approveDpia(t, account.id, c);
    await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.manager.token));

    const amended = await t.http.put(dpiaUrl(account.id)).set(bearer(c.manager.token)).send(completeDpia({ purpose: 'Also recruitment adverts.' }));
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ version: 2, status: 'draft', purpose: 'Also recruitment adverts.', inForce: { version: 1, reviewDueAt: v1.reviewDueAt } });
    let read = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin));
    expect(read.body).toMatchObject({ publishable: true, dpia: { status: 'draft', reviewDueAt: v1.reviewDueAt } });

    // Editing while awaiting sign-off withdraws the submission.
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    const edited = await t.http.put(dpiaUrl(account.id)).set(bearer(c.admin)).send(completeDpia({ purpose: 'Recruitment adverts too.' }));
    expect(edited.body).toMatchObject({ version: 2, status: 'draft', submittedById: null });
    await t.http.post(dpiaUrl(account.id, '/submit')).set(bearer(c.manager.token));
    const v2 = await t.http.post(dpiaUrl(account.id, '/sign-off')).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'fine', reviewDueAt: new Date(t.now().getTime() + 24 * 30 * DAY).toISOString() });
    expect(v2.body).toMatchObject({ version: 2, status: 'approved', inForce: { version: 2, reviewDueAt: v2.body.reviewDueAt } });

    const history = await t.http.get(dpiaUrl(account.id, '/history')).set(bearer(c.manager.token));
    expect(history.status).toBe(200);
    expect(history.body.items.map((d: { version: number; status: string }) => [d.version, d.status])).toEqual([
      [2, 'approved'],
      [1, 'approved'],
    ]);
    expect(history.body.items[1].purpose).toBe(completeDpia().purpose);
    expect(history.body.nextCursor).toBeNull();
    const paged = await t.http.get(dpiaUrl(account.id, '/history?limit=1')).set(bearer(c.manager.token));
    expect(paged.body.items.map((d: { version: number }) => d.version)).toEqual([2]);
    const next = await t.http.get(dpiaUrl(account.id, `/history?limit=1&cursor=${paged.body.nextCursor}`)).set(bearer(c.manager.token));
    expect(next.body.items.map((d: { version: number }) => d.version)).toEqual([1]);
    expect(next.body.nextCursor).toBeNull();

    const actions = (await auditFor(t, account.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'dpia.approved')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['dpia.version_opened', 'dpia.edited', 'dpia.submitted']));
    read = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin));
    expect(read.body.dpia).toEqual({ status: 'approved', reviewDueAt: v2.body.reviewDueAt });
  });

  it('stops the account being publishable the instant the review date passes, with no job, reading review_due', async () => {
    const account = await createAccount(t, c.manager.id);
    const reviewDueAt = new Date(t.now().getTime() + HOUR).toISOString();
    await approveDpia(t, account.id, c, { reviewDueAt });
    expect((await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.manager.token))).status).toBe(200);
    const service = t.app.get(AccountsService);
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(true);

    t.travel(Date.parse(reviewDueAt) - t.now().getTime() - 1000);
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(true);
    t.travel(1000);
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(false);
    const dpia = await t.http.get(dpiaUrl(account.id)).set(bearer(c.dpo.token));
    expect(dpia.body).toMatchObject({ status: 'review_due', inForce: null, reviewDueAt });
    const read = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin));
    expect(read.body).toMatchObject({ status: 'active', publishable: false, dpia: { status: 'review_due', reviewDueAt } });

    // A fresh review brings it back.
    await approveDpia(t, account.id, c);
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(true);
  });
});
