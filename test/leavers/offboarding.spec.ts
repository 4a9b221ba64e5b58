import { GovernanceChecks } from '../../src/jobs/governance-checks';
import { bearer, TestApp } from '../support/test-app';
import { authorise } from '../drafts/support';
import { compliance, getDraft, leaverScene, LeaverScene, QUIET } from './support';

// Each scene creates several people (argon2) and drafts.
jest.setTimeout(120_000);

describe('leavers: offboarding now', () => {
  let t: TestApp;
  let s: LeaverScene;
  let response: import('supertest').Response;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
    s = await leaverScene(t);
    // Sanity: the leaver is working normally before.
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(200);
    response = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'resigned' });
  });
  afterAll(() => t.close());

  it('answers 200 with the staff member (left) and the report', () => {
    expect(response.status).toBe(200);
    expect(response.body.staff).toMatchObject({ id: s.leaver.id, status: 'left', leftAt: expect.stringMatching(/Z$/) });
    expect(response.body.report).toMatchObject({
      staffId: s.leaver.id,
      reason: 'resigned',
      actorId: expect.any(String),
      completedAt: expect.stringMatching(/Z$/),
      sessionsRevoked: 3,
      draftsTransferred: [s.drafts.plain, s.drafts.changesRequested].sort(),
      submissionsReturned: [s.drafts.submitted],
      postsHeld: [s.drafts.scheduled],
      accountsRequiringCredentialRotation: [s.account.id],
    });
    expect(response.body.report.revokedAuthorisations).toHaveLength(2);
    expect(response.body.report.tasks).toEqual([{ id: expect.any(String), accountId: s.account2.id, kind: 'remove_platform_admin', status: 'open' }]);
  });

  it('refuses every one of the leaver’s tokens on the very next request, and their password', async () => {
    for (const token of [s.leaver.token, ...s.otherTokens]) {
      const me = await t.http.get('/api/v1/me').set(bearer(token));
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
    }
    const login = await t.http.post('/api/v1/auth/login').send({ email: s.leaver.email, password: s.leaver.password });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('revokes every authorisation with reason leaver', async () => {
    const list = await t.http.get(`/api/v1/staff/${s.leaver.id}/authorisations`).set(bearer(s.manager.token));
    expect(list.body.items).toHaveLength(2);
    for (const item of list.body.items) expect(item).toMatchObject({ active: false, revokeReason: 'leaver', revokedById: response.body.report.actorId });
  });

  it('hands drafts to the line manager, returns submissions to draft and holds scheduled posts', async () => {
    expect(await getDraft(t, s, s.drafts.plain)).toMatchObject({ status: 'draft', ownerId: s.lineManager.id, authorId: s.leaver.id });
    expect(await getDraft(t, s, s.drafts.changesRequested)).toMatchObject({ status: 'changes_requested', ownerId: s.lineManager.id });
    expect(await getDraft(t, s, s.drafts.submitted)).toMatchObject({ status: 'draft', ownerId: s.lineManager.id });
    const held = await getDraft(t, s, s.drafts.scheduled);
    expect(held).toMatchObject({ status: 'held', failure: { code: 'OWNER_LEFT' } });
    // The returned submission is out of the approval queue.
    const queue = await t.http.get('/api/v1/approvals').set(bearer(s.reviewer.token));
    expect(queue.body.items.map((item: { id: string }) => item.id)).not.toContain(s.drafts.submitted);
  });

  it('writes a history line on every moved draft', async () => {
    const history = await t.http.get(`/api/v1/drafts/${s.drafts.submitted}/history`).set(bearer(s.reviewer.token));
    const last = history.body.items[history.body.items.length - 1];
    expect(last).toMatchObject({ action: 'returned_to_draft' });
    const held = await t.http.get(`/api/v1/drafts/${s.drafts.scheduled}/history`).set(bearer(s.reviewer.token));
    expect(held.body.items[held.body.items.length - 1]).toMatchObject({ action: 'held' });
  });

  it('the new owner can carry on with a handed-over draft (once authorised), and a manager can confirm a held post', async () => {
    const refused = await t.http.patch(`/api/v1/drafts/${s.drafts.plain}`).set(bearer(s.lineManager.token)).send({ text: 'Coffee morning on Saturday.' });
    expect(refused.body.code).toBe('NOT_AUTHORISED_FOR_ACCOUNT');
    await authorise(t, s, s.account.id, s.lineManager);
    const edit = await t.http.patch(`/api/v1/drafts/${s.drafts.plain}`).set(bearer(s.lineManager.token)).send({ text: 'Coffee morning on Saturday.' });
    expect(edit.status).toBe(200);
    const confirm = await t.http.post(`/api/v1/drafts/${s.drafts.scheduled}/confirm`).set(bearer(s.reviewer.token));
    expect(confirm.status).toBe(200);
    expect(confirm.body.status).toBe('scheduled');
  });

  it('flags the credentials they connected and opens a task for their platform admin role', async () => {
    const account = await t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.admin));
    expect(account.body.credentialRotationRequired).toBe(true);
    const other = await t.http.get(`/api/v1/accounts/${s.account2.id}`).set(bearer(s.admin));
    expect(other.body.credentialRotationRequired).toBe(false);
  });

  it('keeps the report for auditors (admin and manager) and writes one audit entry', async () => {
    const report = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.manager.token));
    expect(report.status).toBe(200);
    expect(report.body).toEqual(response.body.report);
    expect(report.body.effectiveAt).toMatch(/Z$/);
    const staffOnly = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.author.token));
    expect(staffOnly.status).toBe(403);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${s.leaver.id}&action=staff.offboarded`).set(bearer(s.admin));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({ reason: 'resigned', sessionsRevoked: 3 });
  });

  it('completes the platform task with a note, once', async () => {
    const taskId = response.body.report.tasks[0].id;
    const done = await t.http.post(`/api/v1/offboarding-tasks/${taskId}/complete`).set(bearer(s.manager.token)).send({ note: 'Removed the Page role in Meta Business Suite.' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: taskId, status: 'done' });
    const again = await t.http.post(`/api/v1/offboarding-tasks/${taskId}/complete`).set(bearer(s.manager.token)).send({ note: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    const report = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.admin));
    expect(report.body.tasks[0].status).toBe('done');
    const account = await t.http.get(`/api/v1/accounts/${s.account2.id}`).set(bearer(s.admin));
    expect(account.body.platformAdmins).not.toContain(s.leaver.id);
  });

  it('answers 409 ALREADY_LEFT the second time', async () => {
    const again = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_LEFT');
  });

  it('leaves nobody with access in the compliance report', async () => {
    const report = await compliance(t);
    expect(report.leaversWithAccess).toEqual([]);
    expect(report.accounts.find((a: { id: string }) => a.id === s.account.id)).toMatchObject({ credentialRotationRequired: true, authorisedStaff: 2 });
    expect(report.openOffboardingTasks).toBe(0);
  });
});

describe('leavers: refusals, defaults and preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
  });
  afterAll(() => t.close());

  it('is for admins only: a manager gets 403 whatever the body', async () => {
    const manager = await t.newStaff(['manager']);
    const someone = await t.newStaff(['staff']);
    const response = await t.http.post(`/api/v1/staff/${someone.id}/offboard`).set(bearer(manager.token)).send({ nonsense: true });
    expect(response.status).toBe(403);
    expect((await t.http.get(`/api/v1/staff/${someone.id}/offboarding-preview`).set(bearer(manager.token))).status).toBe(403);
  });

  it('refuses to offboard the last active admin (409 LAST_ADMIN)', async () => {
    const adminId = await t.adminId();
    const response = await t.http.post(`/api/v1/staff/${adminId}/offboard`).set(bearer(await t.adminToken())).send({ reason: 'retiring' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('LAST_ADMIN');
    expect((await t.http.get('/api/v1/me').set(bearer(await t.adminToken()))).status).toBe(200);
  });

  it('refuses a future leave for an admin when no other admin would remain at that instant', async () => {
    const admin = await t.adminToken();
    const second = await t.newStaff(['admin']);
    const soon = new Date(t.now().getTime() + 3600_000).toISOString();
    const later = new Date(t.now().getTime() + 7200_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${second.id}/offboard`).set(bearer(admin)).send({ reason: 'leaving', effectiveAt: soon })).status).toBe(202);
    const response = await t.http.post(`/api/v1/staff/${await t.adminId()}/offboard`).set(bearer(second.token)).send({ reason: 'retiring', effectiveAt: later });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('LAST_ADMIN');
    expect((await t.http.delete(`/api/v1/staff/${second.id}/offboard`).set(bearer(admin))).status).toBe(200);
    // With the other admin staying, the first may leave (and then cancel, to keep this file's admin).
    expect((await t.http.post(`/api/v1/staff/${await t.adminId()}/offboard`).set(bearer(second.token)).send({ reason: 'retiring', effectiveAt: later })).status).toBe(202);
    expect((await t.http.delete(`/api/v1/staff/${await t.adminId()}/offboard`).set(bearer(second.token))).status).toBe(200);
  });

  it('refuses a transfer target that is not another active staff member (400 INVALID_TRANSFER_TARGET)', async () => {
    const admin = await t.adminToken();
    const leaver = await t.newStaff(['staff']);
    const gone = await t.newStaff(['staff']);
    expect((await t.http.post(`/api/v1/staff/${gone.id}/offboard`).set(bearer(admin)).send({ reason: 'left' })).status).toBe(200);
    for (const transferToId of [gone.id, leaver.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'x', transferToId });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_TRANSFER_TARGET');
    }
    // Nothing changed.
    expect((await t.http.get('/api/v1/me').set(bearer(leaver.token))).status).toBe(200);
  });

  it('404 for an unknown staff member, 400 without a reason', async () => {
    const admin = await t.adminToken();
    expect((await t.http.post('/api/v1/staff/00000000-0000-4000-8000-000000000000/offboard').set(bearer(admin)).send({ reason: 'x' })).status).toBe(404);
    const someone = await t.newStaff(['staff']);
    const response = await t.http.post(`/api/v1/staff/${someone.id}/offboard`).set(bearer(admin)).send({});
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('without an active line manager, each draft goes to its account’s owner; an explicit target takes precedence', async () => {
    const s = await leaverScene(t, { lineManagerActive: false });
    const preview = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-preview`).set(bearer(s.admin));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      staffId: s.leaver.id,
      transferToId: null,
      sessionsRevoked: 3,
      draftsTransferred: [s.drafts.plain, s.drafts.changesRequested].sort(),
      submissionsReturned: [s.drafts.submitted],
      postsHeld: [s.drafts.scheduled],
      accountsRequiringCredentialRotation: [s.account.id],
      tasks: [{ id: null, accountId: s.account2.id, kind: 'remove_platform_admin', status: 'open' }],
    });
    expect(preview.body.revokedAuthorisations).toHaveLength(2);
    // The preview changed nothing.
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(200);

    const response = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'dismissed' });
    expect(response.status).toBe(200);
    expect(await getDraft(t, s, s.drafts.plain)).toMatchObject({ ownerId: s.manager.id });
    expect(await getDraft(t, s, s.drafts.submitted)).toMatchObject({ status: 'draft', ownerId: s.manager.id });

    const other = await leaverScene(t);
    const chosen = await t.http.post(`/api/v1/staff/${other.leaver.id}/offboard`).set(bearer(other.admin)).send({ reason: 'x', transferToId: other.author.id });
    expect(chosen.status).toBe(200);
    expect(await getDraft(t, other, other.drafts.plain)).toMatchObject({ ownerId: other.author.id });
    expect((await compliance(t)).leaversWithAccess).toEqual([]);
  });
});

describe('leavers: a leave at a future instant', () => {
  let t: TestApp;
  let s: LeaverScene;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
    s = await leaverScene(t);
  });
  afterAll(() => t.close());

  it('answers 202, sets leavingAt, and access goes on until the instant', async () => {
    const effectiveAt = new Date(t.now().getTime() + 3600_000).toISOString();
    const response = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'contract ends', effectiveAt });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ staff: expect.objectContaining({ id: s.leaver.id, status: 'active', leavingAt: effectiveAt, leftAt: null }) });
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(200);
    // The job finds nothing due yet.
    await t.app.get(GovernanceChecks).dueLeavers();
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(200);
  });

  it('can be cancelled while in the future, and scheduled again', async () => {
    const cancel = await t.http.delete(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin));
    expect(cancel.status).toBe(200);
    expect(cancel.body.staff).toMatchObject({ id: s.leaver.id, status: 'active', leavingAt: null });
    const again = await t.http.delete(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    t.travel(2 * 3600_000);
    await t.app.get(GovernanceChecks).dueLeavers();
    expect((await t.http.get('/api/v1/me').set(bearer(s.leaver.token))).status).toBe(200);
    const effectiveAt = new Date(t.now().getTime() + 30 * 60_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'contract ends', effectiveAt })).status).toBe(202);
  });

  it('ends access at the instant even though the job has not run', async () => {
    t.travel(30 * 60_000 + 1000);
    for (const token of [s.leaver.token, ...s.otherTokens]) expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email: s.leaver.email, password: s.leaver.password });
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
    // The effects have not been applied yet: the job has not run.
    const leaver = await t.http.get(`/api/v1/staff/${s.leaver.id}`).set(bearer(s.admin));
    expect(leaver.body.status).toBe('active');
    expect(await getDraft(t, s, s.drafts.plain)).toMatchObject({ ownerId: s.leaver.id });
    // Cancelling is too late now.
    const cancel = await t.http.delete(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin));
    expect(cancel.body.code).toBe('INVALID_STATE');
    expect((await compliance(t)).leaversWithAccess).toEqual([]);
  });

  it('the job then applies every effect and records a notification', async () => {
    const result = await t.app.get(GovernanceChecks).dueLeavers();
    expect(result.notified).toBe(1);
    const leaver = await t.http.get(`/api/v1/staff/${s.leaver.id}`).set(bearer(s.admin));
    expect(leaver.body).toMatchObject({ status: 'left', leftAt: leaver.body.leavingAt });
    const report = await t.http.get(`/api/v1/staff/${s.leaver.id}/offboarding-report`).set(bearer(s.admin));
    expect(report.body).toMatchObject({
      reason: 'contract ends',
      effectiveAt: leaver.body.leavingAt,
      sessionsRevoked: 3,
      draftsTransferred: [s.drafts.plain, s.drafts.changesRequested].sort(),
      submissionsReturned: [s.drafts.submitted],
      postsHeld: [s.drafts.scheduled],
      accountsRequiringCredentialRotation: [s.account.id],
    });
    expect(report.body.revokedAuthorisations).toHaveLength(2);
    expect(report.body.tasks).toHaveLength(1);
    expect(await getDraft(t, s, s.drafts.plain)).toMatchObject({ ownerId: s.lineManager.id });
    expect(await getDraft(t, s, s.drafts.scheduled)).toMatchObject({ status: 'held' });
    const notifications = await t.http.get('/api/v1/notifications?kind=leaver_offboarded').set(bearer(s.manager.token));
    expect(notifications.body.items).toEqual([expect.objectContaining({ subjectType: 'staff', subjectId: s.leaver.id })]);
    // Running again finds nothing more and notifies nothing twice.
    expect((await t.app.get(GovernanceChecks).dueLeavers()).notified).toBe(0);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${s.leaver.id}&action=staff.offboarded`).set(bearer(s.admin));
    expect(audit.body.items).toHaveLength(1);
    const report2 = await compliance(t);
    expect(report2.leaversWithAccess).toEqual([]);
    expect(report2.openOffboardingTasks).toBe(1);
  });
});
