import { SchedulerRegistry } from '@nestjs/schedule';
import { GovernanceChecks } from '../../src/jobs/governance-checks';
import { ScheduledJobs } from '../../src/jobs/scheduled-jobs';
import { NotificationsService } from '../../src/tasks/notifications/notifications.service';
import { approveDpia, cast, createAccount } from '../governance/fixtures';
import { createTestDatabase } from '../support/test-database';
import { bearer, TestApp } from '../support/test-app';
import { authorise, stage, submitted } from '../drafts/support';
import { compliance, QUIET } from './support';

jest.setTimeout(120_000);

describe('scheduled jobs on several instances', () => {
  it('two instances on one database ticking the same job at once run it once', async () => {
    const database = await createTestDatabase();
    const a = await TestApp.start(QUIET, database);
    const b = await TestApp.start(QUIET, database);
    try {
      const admin = await a.adminToken();
      const leavers = [await a.newStaff(['staff']), await a.newStaff(['staff'])];
      for (const leaver of leavers) {
        const effectiveAt = new Date(a.now().getTime() + 60_000).toISOString();
        expect((await a.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'leaving', effectiveAt })).status).toBe(202);
      }
      a.travel(2 * 60_000);
      b.travel(2 * 60_000);

      const outcomes = await Promise.all([a.app.get(ScheduledJobs).tick('due-leavers'), b.app.get(ScheduledJobs).tick('due-leavers')]);
      expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
      const offboarded = await a.http.get('/api/v1/audit?action=staff.offboarded').set(bearer(admin));
      expect(offboarded.body.items.map((entry: { subjectId: string }) => entry.subjectId).sort()).toEqual(leavers.map((leaver) => leaver.id).sort());
      const notifications = await b.http.get('/api/v1/notifications?kind=leaver_offboarded').set(bearer(await b.adminToken()));
      expect(notifications.body.items).toHaveLength(2);

      // The same tick again, on either instance, is already taken; the next tick runs (and finds nothing new).
      expect(await b.app.get(ScheduledJobs).tick('due-leavers')).toEqual({ ran: false });
      expect(await a.app.get(ScheduledJobs).tick('due-leavers')).toEqual({ ran: false });
      a.travel(60_000);
      b.travel(60_000);
      const next = await Promise.all([a.app.get(ScheduledJobs).tick('due-leavers'), b.app.get(ScheduledJobs).tick('due-leavers')]);
      expect(next.filter((outcome) => outcome.ran)).toEqual([{ ran: true, result: { found: 0, notified: 0 } }]);
      // Different jobs do not block each other.
      expect((await a.app.get(ScheduledJobs).tick('approvals-waiting')).ran).toBe(true);
      expect((await compliance(a)).leaversWithAccess).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });

  it('an admin offboarding someone now while the job applies their due leave: applied once, nothing fails', async () => {
    const t = await TestApp.start(QUIET);
    try {
      const admin = await t.adminToken();
      const leaver = await t.newStaff(['staff']);
      const effectiveAt = new Date(t.now().getTime() + 60_000).toISOString();
      expect((await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'leaving', effectiveAt })).status).toBe(202);
      t.travel(2 * 60_000);
      const [now] = await Promise.all([
        t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'now instead' }),
        t.app.get(GovernanceChecks).dueLeavers(),
      ]);
      expect([200, 409]).toContain(now.status);
      if (now.status === 409) expect(now.body.code).toBe('ALREADY_LEFT');
      const audit = await t.http.get(`/api/v1/audit?subjectId=${leaver.id}&action=staff.offboarded`).set(bearer(admin));
      expect(audit.body.items).toHaveLength(1);
      // Access ended at the scheduled instant, whichever path applied the effects.
      const staff = await t.http.get(`/api/v1/staff/${leaver.id}`).set(bearer(admin));
      expect(staff.body).toMatchObject({ status: 'left', leftAt: effectiveAt });
    } finally {
      await t.close();
    }
  });

  it('cron timers start only where jobs are on and the role includes the worker', async () => {
    const worker = await TestApp.start({ ...QUIET, GATEHOUSE_ROLE: 'all', GATEHOUSE_SCHEDULED_JOBS: 'true' });
    try {
      const names = [...worker.app.get(SchedulerRegistry).getCronJobs().keys()];
      expect(names).toEqual(expect.arrayContaining(['gatehouse:due-leavers', 'gatehouse:expired-authorisations', 'gatehouse:dpia-reviews', 'gatehouse:approvals-waiting']));
    } finally {
      await worker.close();
    }
    const api = await TestApp.start({ ...QUIET, GATEHOUSE_ROLE: 'api', GATEHOUSE_SCHEDULED_JOBS: 'true' });
    try {
      expect([...api.app.get(SchedulerRegistry).getCronJobs().keys()].filter((name) => name.startsWith('gatehouse:'))).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('scheduled checks record what they find, once', () => {
  let t: TestApp;
  let checks: GovernanceChecks;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
    checks = t.app.get(GovernanceChecks);
  });
  afterAll(() => t.close());

  const notifications = async (kind: string) => (await t.http.get(`/api/v1/notifications?kind=${kind}`).set(bearer(await t.adminToken()))).body.items;

  it("the jobs' findings are for managers and admins; others see only what was sent to them (API.md section 16)", async () => {
    await t.dataSource.transaction((manager) => t.app.get(NotificationsService).notify(manager, [{ kind: 'test_finding', dedupeKey: 'test-finding', subjectType: 'policy', subjectId: null, message: 'found' }]));
    const staff = await t.newStaff(['staff']);
    const dpo = await t.newStaff(['dpo']);
    const manager = await t.newStaff(['manager']);
    const findings = async (token: string) => (await t.http.get('/api/v1/notifications?kind=test_finding').set(bearer(token)).expect(200)).body.items;
    expect(await findings(staff.token)).toEqual([]);
    expect(await findings(dpo.token)).toEqual([]);
    expect(await findings(manager.token)).toEqual([expect.objectContaining({ kind: 'test_finding', emailStatus: null })]);
  });

  it('DPIA reviews due within 30 days, then overdue; policy review due; credentials expiring; approvals waiting', async () => {
    const s = await stage(t);
    const c = await cast(t);
    const account = await createAccount(t, c.manager.id, { name: 'Short review' });
    await approveDpia(t, account.id, c, { reviewDueAt: new Date(t.now().getTime() + 3600_000).toISOString() });
    expect((await checks.dpiaReviews()).notified).toBe(1);
    expect(await notifications('dpia_review_due')).toEqual([expect.objectContaining({ subjectType: 'account', subjectId: account.id })]);
    expect((await checks.dpiaReviews()).notified).toBe(0);
    expect((await compliance(t)).dpiaReviewsDueWithin30Days).toEqual([account.id]);

    await t.http.post('/api/v1/policies').set(bearer(s.manager.token)).send({ version: '2026.2', title: 'Policy', text: 'Be kind.', reviewDueAt: new Date(t.now().getTime() + 10 * 86_400_000).toISOString() });
    expect((await checks.policyReview()).notified).toBe(1);
    expect(await notifications('policy_review_due')).toEqual([expect.objectContaining({ subjectType: 'policy', subjectId: '2026.2' })]);
    expect((await checks.policyReview()).notified).toBe(0);

    await t.http.put(`/api/v1/accounts/${s.account.id}/credentials`).set(bearer(s.admin)).send({ accessToken: 'tok', expiresAt: new Date(t.now().getTime() + 5 * 86_400_000).toISOString() });
    expect((await checks.expiringCredentials()).notified).toBe(1);
    expect(await notifications('credentials_expiring')).toEqual([expect.objectContaining({ subjectId: s.account.id })]);
    expect((await checks.expiringCredentials()).notified).toBe(0);

    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(s.author.token));
    const draft = await submitted(t, s);
    expect((await checks.waitingApprovals()).notified).toBe(0);
    // Moved back in time directly: travelling 48 hours would outlive every session.
    const earlier = new Date(t.now().getTime() - 49 * 3600_000).toISOString();
    await t.dataSource.query(`UPDATE drafts SET "submittedAt" = '${earlier}' WHERE id = '${draft.id}'`);
    expect((await checks.waitingApprovals()).notified).toBe(1);
    expect(await notifications('approval_waiting')).toEqual([expect.objectContaining({ subjectType: 'draft', subjectId: draft.id })]);
    expect((await checks.waitingApprovals()).notified).toBe(0);
    const report = await compliance(t);
    expect(report.approvalQueue).toEqual({ pending: 1, oldestWaitingSince: earlier });

    t.travel(2 * 3600_000);
    expect((await checks.dpiaReviews()).notified).toBe(1);
    expect(await notifications('dpia_review_overdue')).toEqual([expect.objectContaining({ subjectId: account.id })]);
    const later = await compliance(t);
    expect(later.accounts.find((a: { id: string }) => a.id === account.id)).toMatchObject({ dpiaStatus: 'review_due', publishable: false });
  });

  it('an expired authorisation is recorded in the audit trail once', async () => {
    const s = await stage(t);
    const staff = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(staff.token));
    const granted = await t.http
      .post(`/api/v1/accounts/${s.account.id}/authorisations`)
      .set(bearer(s.manager.token))
      .send({ staffId: staff.id, reason: 'Cover', expiresAt: new Date(t.now().getTime() + 60_000).toISOString() });
    expect(granted.status).toBe(201);
    expect((await checks.expiredAuthorisations()).found).toBe(0);
    t.travel(2 * 60_000);
    expect((await checks.expiredAuthorisations()).notified).toBe(1);
    expect((await checks.expiredAuthorisations()).found).toBe(0);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${granted.body.id}&action=authorisation.expired`).set(bearer(s.admin));
    expect(audit.body.items).toHaveLength(1);
    expect(await notifications('authorisation_expired')).toEqual([expect.objectContaining({ subjectId: granted.body.id })]);
  });

  it('lists notifications newest first with a keyset cursor', async () => {
    const admin = await t.adminToken();
    const all = (await t.http.get('/api/v1/notifications?limit=200').set(bearer(admin))).body.items;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: import('supertest').Response = await t.http.get(`/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(admin));
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((item: { id: string }) => item.id));
    expect([...all.map((item: { createdAt: string }) => item.createdAt)]).toEqual([...all.map((item: { createdAt: string }) => item.createdAt)].sort().reverse());
  });
});

describe('compliance report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
  });
  afterAll(() => t.close());

  it('is for admins, managers and the DPO', async () => {
    const staff = await t.newStaff(['staff']);
    const dpo = await t.newStaff(['dpo']);
    const manager = await t.newStaff(['manager']);
    expect((await t.http.get('/api/v1/reports/compliance').set(bearer(staff.token))).status).toBe(403);
    expect((await t.http.get('/api/v1/reports/compliance').set(bearer(dpo.token))).status).toBe(200);
    expect((await t.http.get('/api/v1/reports/compliance').set(bearer(manager.token))).status).toBe(200);
  });

  it('shows accounts, who has not acknowledged the policy, the queue and open tasks', async () => {
    const s = await stage(t);
    const newcomer = await t.newStaff(['staff']);
    const report = await compliance(t);
    expect(report).toMatchObject({
      generatedAt: expect.stringMatching(/Z$/),
      leaversWithAccess: [],
      dpiaReviewsDueWithin30Days: [],
      openOffboardingTasks: 0,
      approvalQueue: { pending: 0, oldestWaitingSince: null },
    });
    expect(report.staffWithoutPolicyAcknowledgement).toContain(newcomer.id);
    expect(report.staffWithoutPolicyAcknowledgement).not.toContain(s.author.id);
    expect(report.accounts.find((a: { id: string }) => a.id === s.account.id)).toEqual({
      id: s.account.id,
      name: s.account.name,
      platform: 'facebook',
      status: 'active',
      publishable: true,
      dpiaStatus: 'approved',
      dpiaReviewDueAt: expect.stringMatching(/Z$/),
      authorisedStaff: 1,
      credentialRotationRequired: false,
      credentialsInvalid: false,
    });
    const other = await t.newStaff(['staff']);
    await authorise(t, s, s.account.id, other);
    expect((await compliance(t)).accounts.find((a: { id: string }) => a.id === s.account.id).authorisedStaff).toBe(2);
  });
});
