import { Draft } from '../../src/drafts/draft.entity';
import { approveDpia, cast, completeDpia, createAccount } from '../governance/fixtures';
import { approve, createDraft, QUIET_PUBLISHING, Stage, stage, submitted } from '../drafts/support';
import { bearer, TestApp } from '../support/test-app';
import { kindsOf, tasksOf } from './support';

const DAY = 24 * 3600_000;

describe('GET /me/tasks: what waits on whom, from the state now', () => {
  let t: TestApp;
  let s: Stage;

  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
  });
  afterAll(() => t.close());

  it('needs a session', async () => {
    expect((await t.http.get('/api/v1/me/tasks')).status).toBe(401);
  });

  it('approve_post: managers other than the author, until they approve; gone for all once the post moves on', async () => {
    const draft = await submitted(t, s);
    expect(await kindsOf(t, s.reviewer.token, 'approve_post')).toContain(draft.id);
    expect(await kindsOf(t, s.reviewer2.token, 'approve_post')).toContain(draft.id);
    expect(await kindsOf(t, s.author.token, 'approve_post')).not.toContain(draft.id);
    const [task] = (await tasksOf(t, s.reviewer.token)).filter((item) => item.subjectId === draft.id);
    expect(task).toEqual({ kind: 'approve_post', subjectType: 'draft', subjectId: draft.id, title: expect.stringContaining(s.account.name), since: expect.any(String), path: `/drafts/${draft.id}` });
    expect(task.title).not.toContain('garden party');
    expect((await approve(t, s.reviewer.token, draft)).status).toBe(200);
    expect(await kindsOf(t, s.reviewer.token, 'approve_post')).not.toContain(draft.id);
    expect(await kindsOf(t, s.reviewer2.token, 'approve_post')).not.toContain(draft.id);
  });

  it('approve_post: with two approvals needed, the one who approved is done and the other still has it', async () => {
    const c = await cast(t);
    const two = await createAccount(t, c.manager.id, { requiredApprovals: 2 });
    await approveDpia(t, two.id, c);
    await t.http.post(`/api/v1/accounts/${two.id}/activate`).set(bearer(c.manager.token)).expect(200);
    await t.http.post(`/api/v1/accounts/${two.id}/authorisations`).set(bearer(s.manager.token)).send({ staffId: s.author.id, reason: 'news' }).expect(201);
    const draft = await createDraft(t, s.author.token, { accountId: two.id, text: 'Two pairs of eyes.' });
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token)).expect(200);
    const fresh = (await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token))).body;
    expect((await approve(t, s.reviewer.token, fresh)).status).toBe(200);
    expect(await kindsOf(t, s.reviewer.token, 'approve_post')).not.toContain(draft.id);
    expect(await kindsOf(t, s.reviewer2.token, 'approve_post')).toContain(draft.id);
  });

  it('fix_draft: the owner, when changes are requested; gone when they resubmit', async () => {
    const draft = await submitted(t, s);
    await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(s.reviewer.token)).send({ comment: 'Say when it was.' }).expect(200);
    expect(await kindsOf(t, s.author.token, 'fix_draft')).toContain(draft.id);
    expect(await kindsOf(t, s.reviewer.token, 'fix_draft')).not.toContain(draft.id);
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Our garden party on Saturday raised £400.' });
    expect(edited.status).toBe(200);
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token)).expect(200);
    expect(await kindsOf(t, s.author.token, 'fix_draft')).not.toContain(draft.id);
  });

  it('sign_off_dpia: the DPO, not the manager who wrote it; then activate_account for admins and managers until activated', async () => {
    const c = await cast(t);
    const account = await createAccount(t, c.manager.id);
    await t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(c.manager.token)).send(completeDpia()).expect(200);
    await t.http.post(`/api/v1/accounts/${account.id}/dpia/submit`).set(bearer(c.manager.token)).expect(200);
    const signOff = await tasksOf(t, c.dpo.token);
    expect(signOff).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sign_off_dpia', subjectType: 'dpia', path: `/accounts/${account.id}/dpia` })]));
    expect((await tasksOf(t, c.manager.token)).filter((task) => task.kind === 'sign_off_dpia')).toEqual([]);
    expect(await kindsOf(t, c.manager.token, 'activate_account')).not.toContain(account.id);

    await t.http.post(`/api/v1/accounts/${account.id}/dpia/sign-off`).set(bearer(c.dpo.token)).send({ decision: 'approved', dpoAdvice: 'Fine.' }).expect(200);
    expect((await tasksOf(t, c.dpo.token)).filter((task) => task.kind === 'sign_off_dpia' && task.path.includes(account.id))).toEqual([]);
    expect(await kindsOf(t, c.manager.token, 'activate_account')).toContain(account.id);
    expect(await kindsOf(t, c.admin, 'activate_account')).toContain(account.id);
    expect(await kindsOf(t, s.author.token, 'activate_account')).not.toContain(account.id);
    await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.manager.token)).expect(200);
    expect(await kindsOf(t, c.admin, 'activate_account')).not.toContain(account.id);
  });

  it('acknowledge_policy: everyone until they acknowledge the policy in force', async () => {
    const newcomer = await t.newStaff(['staff']);
    const [task] = (await tasksOf(t, newcomer.token)).filter((item) => item.kind === 'acknowledge_policy');
    expect(task).toEqual(expect.objectContaining({ subjectType: 'policy', path: '/policy' }));
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(newcomer.token)).expect(201);
    expect(await kindsOf(t, newcomer.token, 'acknowledge_policy')).toEqual([]);
  });

  it('reconnect_account: admins, when credentials expire within 14 days; gone when replaced', async () => {
    const soon = new Date(t.now().getTime() + 10 * DAY).toISOString();
    await t.http.put(`/api/v1/accounts/${s.account.id}/credentials`).set(bearer(s.admin)).send({ accessToken: 'token-1', expiresAt: soon }).expect(204);
    expect(await kindsOf(t, s.admin, 'reconnect_account')).toContain(s.account.id);
    expect(await kindsOf(t, s.manager.token, 'reconnect_account')).not.toContain(s.account.id);
    const later = new Date(t.now().getTime() + 60 * DAY).toISOString();
    await t.http.put(`/api/v1/accounts/${s.account.id}/credentials`).set(bearer(s.admin)).send({ accessToken: 'token-2', expiresAt: later }).expect(204);
    expect(await kindsOf(t, s.admin, 'reconnect_account')).not.toContain(s.account.id);
  });

  it('confirm_post and reconcile_post: managers, on held and unconfirmed posts; gone when dealt with', async () => {
    const held = await submitted(t, s);
    const unconfirmed = await submitted(t, s);
    // These states come from the publishing worker and offboarding; set directly, the list reads them.
    await t.dataSource.getRepository(Draft).update({ id: held.id }, { status: 'held' });
    await t.dataSource.getRepository(Draft).update({ id: unconfirmed.id }, { status: 'unconfirmed' });
    expect(await kindsOf(t, s.reviewer.token, 'confirm_post')).toContain(held.id);
    expect(await kindsOf(t, s.reviewer.token, 'reconcile_post')).toContain(unconfirmed.id);
    expect(await kindsOf(t, s.author.token, 'confirm_post')).toEqual([]);
    await t.http.post(`/api/v1/drafts/${unconfirmed.id}/reconcile`).set(bearer(s.reviewer.token)).send({ outcome: 'not_published' }).expect(200);
    expect(await kindsOf(t, s.reviewer.token, 'reconcile_post')).not.toContain(unconfirmed.id);
  });

  it('review_dpia and review_policy: within 30 days of the review date', async () => {
    expect(await kindsOf(t, s.manager.token, 'review_dpia')).not.toContain(s.account.id);
    t.travel(340 * DAY);
    try {
      const manager = await t.login(s.manager.email, s.manager.password);
      const author = await t.login(s.author.email, s.author.password);
      expect(await kindsOf(t, manager, 'review_dpia')).toContain(s.account.id);
      expect(await kindsOf(t, manager, 'review_policy')).toHaveLength(1);
      expect(await kindsOf(t, author, 'review_dpia')).toEqual([]);
      expect(await kindsOf(t, author, 'review_policy')).toEqual([]);
    } finally {
      t.travel(-340 * DAY);
    }
  });

  it('lists oldest first', async () => {
    const items = await tasksOf(t, s.reviewer.token);
    expect(items.length).toBeGreaterThan(1);
    expect(items.map((item) => item.since)).toEqual([...items.map((item) => item.since)].sort());
  });
});
