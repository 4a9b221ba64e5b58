import { bearer, TestApp, TestStaff } from '../support/test-app';
import { approve, authorise, createDraft, QUIET_PUBLISHING, Stage, stage, submitted } from '../drafts/support';
import { activeAccount } from '../governance/fixtures';

/** No publishing worker, a slow outbox and no cron: these tests drive the leavers job themselves. */
export const QUIET = { ...QUIET_PUBLISHING, GATEHOUSE_LOG_LEVEL: 'error' };

export interface LeaverScene extends Stage {
  /** A second account the leaver is authorised on. */
  account2: Record<string, any>;
  lineManager: TestStaff;
  leaver: TestStaff;
  /** Further live tokens of the leaver. */
  otherTokens: string[];
  drafts: { plain: string; changesRequested: string; submitted: string; scheduled: string; published?: string };
}

/**
 * A staff member with something of everything: two authorisations, three sessions, a draft, a draft
 * sent back for changes, a submission in the queue, a scheduled post, the credentials they connected
 * on one account and a platform admin role on another.
 */
export async function leaverScene(t: TestApp, options: { lineManagerActive?: boolean } = {}): Promise<LeaverScene> {
  const s = await stage(t);
  const account2 = await activeAccount(t, s, { mode: 'sandbox', name: 'Riverside Careers' });
  const lineManager = await t.newStaff(['manager']);
  const leaver = await t.newStaff(['staff'], { lineManagerId: lineManager.id });
  await authorise(t, s, s.account.id, leaver);
  await authorise(t, s, account2.id, leaver);
  const otherTokens = [await t.login(leaver.email, leaver.password), await t.login(leaver.email, leaver.password)];

  const plain = await createDraft(t, leaver.token, { accountId: s.account.id, text: 'Coffee morning on Friday.' });
  const asSubmitted = async (text: string, extra: Record<string, unknown> = {}) => {
    const draft = await createDraft(t, leaver.token, { accountId: s.account.id, text, ...extra });
    const response = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(leaver.token));
    if (response.status !== 200) throw new Error(`submit failed ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const sentBack = await asSubmitted('Our garden is in bloom.');
  const changes = await t.http.post(`/api/v1/drafts/${sentBack.id}/request-changes`).set(bearer(s.reviewer.token)).send({ comment: 'Add a photo credit.' });
  if (changes.status !== 200) throw new Error(`request changes failed ${changes.status}`);
  const queued = await asSubmitted('Quiz night raised £120.');
  const toSchedule = await asSubmitted('Open day next month.', { scheduledFor: new Date(t.now().getTime() + 7 * 24 * 3600_000).toISOString() });
  const approved = await approve(t, s.reviewer.token, toSchedule);
  if (approved.body.status !== 'scheduled') throw new Error(`approve failed ${approved.status} ${JSON.stringify(approved.body)}`);

  const credentials = await t.http.put(`/api/v1/accounts/${s.account.id}/credentials`).set(bearer(s.admin)).send({ accessToken: 'page-token-from-leaver', connectedById: leaver.id });
  if (credentials.status !== 204) throw new Error(`credentials failed ${credentials.status} ${JSON.stringify(credentials.body)}`);
  const admin = await t.http.post(`/api/v1/accounts/${account2.id}/platform-admins`).set(bearer(s.admin)).send({ staffId: leaver.id });
  if (admin.status >= 300) throw new Error(`platform admin failed ${admin.status} ${JSON.stringify(admin.body)}`);

  if (options.lineManagerActive === false) {
    const off = await t.http.post(`/api/v1/staff/${lineManager.id}/offboard`).set(bearer(s.admin)).send({ reason: 'moved on' });
    if (off.status !== 200) throw new Error(`offboard line manager failed ${off.status} ${JSON.stringify(off.body)}`);
  }
  return {
    ...s,
    account2,
    lineManager,
    leaver,
    otherTokens,
    drafts: { plain: plain.id, changesRequested: sentBack.id, submitted: queued.id, scheduled: toSchedule.id },
  };
}

export const getDraft = async (t: TestApp, s: Stage, id: string) => (await t.http.get(`/api/v1/drafts/${id}`).set(bearer(s.reviewer.token))).body;

export async function compliance(t: TestApp): Promise<Record<string, any>> {
  const response = await t.http.get('/api/v1/reports/compliance').set(bearer(await t.adminToken()));
  if (response.status !== 200) throw new Error(`compliance failed ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export { submitted };
