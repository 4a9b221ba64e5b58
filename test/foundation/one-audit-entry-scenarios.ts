import { randomBytes, randomUUID } from 'crypto';
import { Draft } from '../../src/drafts/draft.entity';
import { PlatformTask } from '../../src/publishing/platform-task.entity';
import { MailOutbox } from '../../src/tasks/mail/mail-outbox.entity';
import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { World, signIn } from '../connections/support';
import { authorise, createDraft, pngBytes, Stage, submitted, upload } from '../drafts/support';
import { activeAccount, approveDpia, completeDpia, createAccount } from '../governance/fixtures';
import { GROUP_SCHEMA, PATCH_OP, USER_SCHEMA } from '../identity/scim-support';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp, TestStaff } from '../support/test-app';

/** One request to send: the path filled in, its caller and its input. */
export interface Prepared {
  path: string;
  token?: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  file?: { name: string; bytes: Buffer };
  headers?: Record<string, string>;
  /** A POST that only reads (its input is a body): it must write no entry at all. Say why beside it. */
  changesNothing?: true;
}

/** What a scenario may use: the app with its platform emulators, and one shared publishing stage. */
export interface Walk {
  w: World;
  t: TestApp;
  /** Built once; scenarios that end or close something make their own instead. */
  shared(): Promise<Stage>;
}

/** Creates, through the API, what the route needs to succeed, and returns the request to send. */
export type Scenario = (walk: Walk) => Promise<Prepared>;

const unique = () => randomBytes(4).toString('hex');
const inDays = (t: TestApp, days: number) => new Date(t.now().getTime() + days * 86_400_000).toISOString();

async function ok<T extends { status: number; body: any }>(what: string, response: Promise<T> | T, ...expected: number[]): Promise<T> {
  const answer = await response;
  if (!expected.includes(answer.status)) throw new Error(`${what} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A draft of the shared stage put straight into a state only the publishing worker (or a platform) reaches. */
async function draftIn(walk: Walk, status: Draft['status']): Promise<{ s: Stage; draft: Record<string, any> }> {
  const s = await walk.shared();
  const draft = await submitted(walk.t, s, { text: `Open day ${unique()}` });
  // The worker, the platform's answer or a suspension puts a draft here; set directly, as test/tasks does.
  await walk.t.dataSource.getRepository(Draft).update({ id: draft.id }, { status });
  return { s, draft };
}

/** A staff member holding something offboarding ends: a platform admin role, so it opens a task. */
async function leaver(walk: Walk): Promise<{ s: Stage; person: TestStaff }> {
  const s = await walk.shared();
  const person = await walk.t.newStaff(['staff']);
  await ok('platform admin', walk.t.http.post(`/api/v1/accounts/${s.account.id}/platform-admins`).set(bearer(s.admin)).send({ staffId: person.id }), 201);
  return { s, person };
}

async function concern(walk: Walk, body: Record<string, unknown>): Promise<{ s: Stage; id: string }> {
  const s = await walk.shared();
  const reporter = await walk.t.newStaff(['staff']);
  const raised = await ok('raise concern', walk.t.http.post('/api/v1/concerns').set(bearer(reporter.token)).send(body), 201);
  return { s, id: raised.body.id };
}

const colleagueConcern = (walk: Walk) => concern(walk, { kind: 'colleague_conduct', description: `A colleague posted about a shift (${unique()}).` });

/** A photo of `depicted` on a new draft of the shared stage: the draft asks them for consent. */
async function photoDraft(walk: Walk, depicted: TestStaff): Promise<{ s: Stage; draft: Record<string, any> }> {
  const s = await walk.shared();
  const media = await ok('upload', upload(walk.t, s.author.token, pngBytes(16 + Math.floor(Math.random() * 1000)), 'team.png'), 201);
  const draft = await createDraft(walk.t, s.author.token, {
    accountId: s.account.id,
    text: `The team at the fair ${unique()}`,
    media: [{ mediaId: media.body.id, altText: 'The team', depicts: { staffIds: [depicted.id], serviceUsers: false, public: false }, rights: 'own' }],
  });
  return { s, draft };
}

async function consentRequestOf(walk: Walk, who: TestStaff, draftId: string): Promise<string> {
  const mine = await ok('consent requests', walk.t.http.get('/api/v1/consent-requests').set(bearer(who.token)), 200);
  return mine.body.items.find((request: any) => request.draftId === draftId).id;
}

const FACEBOOK_PAGE = { id: '303000000000001', name: 'Walk House Care' };

/** A live Facebook account made from a completed connection: it holds credentials the emulator knows. */
async function connectedAccount(walk: Walk): Promise<Record<string, any>> {
  const s = await walk.shared();
  const flow = await signIn(walk.w, { platform: 'facebook' });
  const created = await ok(
    'create connected account',
    walk.t.http.post('/api/v1/accounts').set(bearer(s.admin)).send({ platform: 'facebook', externalId: FACEBOOK_PAGE.id, ownerId: s.manager.id, connectionId: flow.connection.id }),
    201,
  );
  return created.body;
}

const scimUser = (userName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Walk', familyName: 'Tester' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Walk Tester',
  externalId: `ext-${unique()}`,
  active: true,
});

async function scimUserCreated(walk: Walk): Promise<Record<string, any>> {
  const created = await ok('SCIM user', walk.t.http.post('/scim/v2/Users').set(SCIM_HEADERS).send(JSON.stringify(scimUser(`walk.${unique()}@example.test`))), 201);
  return created.body;
}

/** A group mapped to a role (so a change of its members changes roles), and a user (in it, or to add). */
async function scimGroupCreated(walk: Walk, displayName: string, withMember = false): Promise<{ group: Record<string, any>; member: Record<string, any> }> {
  const member = await scimUserCreated(walk);
  const members = withMember ? [{ value: member.id }] : [];
  const group = await ok('SCIM group', walk.t.http.post('/scim/v2/Groups').set(SCIM_HEADERS).send(JSON.stringify({ schemas: [GROUP_SCHEMA], displayName, members })), 201);
  return { group: group.body, member };
}

export const SCIM_TOKEN = 'walk-scim-token-0123456789abcdef0123456789abcdef';
export const SCIM_HEADERS = { Authorization: `Bearer ${SCIM_TOKEN}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' };
/** One mapped group per scenario: a group name is unique, and each scenario creates its own. */
const GROUPS = { post: 'Walk Post Managers', put: 'Walk Put Managers', patch: 'Walk Patch Managers', delete: 'Walk Delete Managers' };
export const SCIM_GROUP_ROLES = Object.values(GROUPS).map((name) => `${name}=manager`).join(', ');

/**
 * Every mutating route of the OpenAPI document, by "METHOD /path" as the document writes it. A route
 * added to the document without a scenario here fails the walk: say how it succeeds.
 */
export const SCENARIOS: Record<string, Scenario> = {
  'POST /api/v1/auth/login': async () => ({ path: '/api/v1/auth/login', body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }),
  'POST /api/v1/auth/logout': async ({ t }) => ({ path: '/api/v1/auth/logout', token: await t.login(ADMIN_EMAIL, ADMIN_PASSWORD) }),
  'POST /api/v1/me/password': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: '/api/v1/me/password', token: person.token, body: { currentPassword: person.password, newPassword: `new-${unique()}-long-password` } };
  },
  'POST /api/v1/staff': async ({ t }) => ({
    path: '/api/v1/staff',
    token: await t.adminToken(),
    body: { email: `new-${unique()}@example.test`, displayName: 'New Colleague', roles: ['staff'], password: `pw-${unique()}-long-enough` },
  }),
  'PATCH /api/v1/staff/{id}': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: `/api/v1/staff/${person.id}`, token: await t.adminToken(), body: { displayName: 'Renamed Colleague' } };
  },
  'POST /api/v1/policies': async (walk) => {
    const s = await walk.shared();
    // In force later: a policy in force now would leave everyone of the shared stage to acknowledge it first.
    const body = { version: `2026.${unique()}`, title: 'Social media policy', text: 'Only authorised staff post.', effectiveFrom: inDays(walk.t, 30), reviewDueAt: inDays(walk.t, 400) };
    return { path: '/api/v1/policies', token: s.manager.token, body };
  },
  'POST /api/v1/policies/current/acknowledgements': async (walk) => {
    await walk.shared();
    const person = await walk.t.newStaff(['staff']);
    return { path: '/api/v1/policies/current/acknowledgements', token: person.token };
  },
  'POST /api/v1/drafts/{id}/retry': async (walk) => {
    const { s, draft } = await draftIn(walk, 'failed');
    return { path: `/api/v1/drafts/${draft.id}/retry`, token: s.manager.token };
  },
  'POST /api/v1/drafts/{id}/reconcile': async (walk) => {
    const { s, draft } = await draftIn(walk, 'unconfirmed');
    return { path: `/api/v1/drafts/${draft.id}/reconcile`, token: s.manager.token, body: { outcome: 'not_published' } };
  },
  'POST /api/v1/drafts/{id}/take-down': async (walk) => {
    const { s, draft } = await draftIn(walk, 'published');
    return { path: `/api/v1/drafts/${draft.id}/take-down`, token: s.manager.token, body: { reason: 'Wrong date' } };
  },
  'POST /api/v1/platform-tasks/{id}/complete': async (walk) => {
    const { s, draft } = await draftIn(walk, 'published');
    // A platform with no delete call opens this task (test/publishing/instagram.spec.ts); made directly here.
    const task = await walk.t.dataSource.getRepository(PlatformTask).save({
      id: randomUUID(),
      accountId: s.account.id,
      draftId: draft.id,
      kind: 'remove_post',
      status: 'open',
      reason: 'Wrong photo',
      createdById: s.manager.id,
      createdAt: walk.t.now().toISOString(),
      completedById: null,
      completedAt: null,
      note: null,
    });
    return { path: `/api/v1/platform-tasks/${task.id}/complete`, token: s.manager.token, body: { note: 'Deleted in the app' } };
  },
  'POST /api/v1/accounts': async (walk) => {
    const s = await walk.shared();
    return { path: '/api/v1/accounts', token: s.admin, body: { platform: 'facebook', name: 'Walk Care', externalId: `page-${unique()}`, ownerId: s.manager.id, mode: 'sandbox' } };
  },
  'PATCH /api/v1/accounts/{id}': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id);
    return { path: `/api/v1/accounts/${account.id}`, token: s.admin, body: { name: 'Renamed Care' } };
  },
  'PUT /api/v1/accounts/{id}/credentials': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id, { mode: 'live' });
    return { path: `/api/v1/accounts/${account.id}/credentials`, token: s.admin, body: { accessToken: `token-${unique()}` } };
  },
  'POST /api/v1/accounts/{id}/connect': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id, { mode: 'live', externalId: FACEBOOK_PAGE.id });
    const flow = await signIn(walk.w, { platform: 'facebook', accountId: account.id });
    return { path: `/api/v1/accounts/${account.id}/connect`, token: s.admin, body: { connectionId: flow.connection.id } };
  },
  'POST /api/v1/accounts/{id}/platform-admins': async (walk) => {
    const s = await walk.shared();
    const person = await walk.t.newStaff(['staff']);
    return { path: `/api/v1/accounts/${s.account.id}/platform-admins`, token: s.admin, body: { staffId: person.id } };
  },
  'DELETE /api/v1/accounts/{id}/platform-admins/{staffId}': async (walk) => {
    const s = await walk.shared();
    const person = await walk.t.newStaff(['staff']);
    await ok('platform admin', walk.t.http.post(`/api/v1/accounts/${s.account.id}/platform-admins`).set(bearer(s.admin)).send({ staffId: person.id }), 201);
    return { path: `/api/v1/accounts/${s.account.id}/platform-admins/${person.id}`, token: s.admin };
  },
  'POST /api/v1/accounts/{id}/activate': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id);
    await approveDpia(walk.t, account.id, s);
    return { path: `/api/v1/accounts/${account.id}/activate`, token: s.manager.token };
  },
  'POST /api/v1/accounts/{id}/suspend': async (walk) => {
    const s = await walk.shared();
    const account = await activeAccount(walk.t, s);
    return { path: `/api/v1/accounts/${account.id}/suspend`, token: s.manager.token, body: { reason: 'Page hacked' } };
  },
  'POST /api/v1/accounts/{id}/close': async (walk) => {
    const s = await walk.shared();
    const account = await activeAccount(walk.t, s);
    // Something for the close to cascade to: a submitted draft it withdraws.
    const author = await walk.t.newStaff(['staff']);
    await authorise(walk.t, s, account.id, author);
    const draft = await createDraft(walk.t, author.token, { accountId: account.id, text: `Closing soon ${unique()}` });
    await ok('submit', walk.t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(author.token)), 200);
    return { path: `/api/v1/accounts/${account.id}/close`, token: s.admin, body: { reason: 'Page deleted' } };
  },
  'PUT /api/v1/accounts/{id}/dpia': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id);
    return { path: `/api/v1/accounts/${account.id}/dpia`, token: s.manager.token, body: completeDpia() };
  },
  'POST /api/v1/accounts/{id}/dpia/submit': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id);
    await ok('save DPIA', walk.t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(s.manager.token)).send(completeDpia()), 200);
    return { path: `/api/v1/accounts/${account.id}/dpia/submit`, token: s.manager.token };
  },
  'POST /api/v1/accounts/{id}/dpia/sign-off': async (walk) => {
    const s = await walk.shared();
    const account = await createAccount(walk.t, s.manager.id);
    await ok('save DPIA', walk.t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(s.manager.token)).send(completeDpia()), 200);
    await ok('submit DPIA', walk.t.http.post(`/api/v1/accounts/${account.id}/dpia/submit`).set(bearer(s.manager.token)), 200);
    return { path: `/api/v1/accounts/${account.id}/dpia/sign-off`, token: s.dpo.token, body: { decision: 'approved', dpoAdvice: 'Proportionate.' } };
  },
  'POST /api/v1/accounts/{id}/authorisations': async (walk) => {
    const s = await walk.shared();
    const person = await walk.t.newStaff(['staff']);
    await ok('acknowledge', walk.t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(person.token)), 201);
    return { path: `/api/v1/accounts/${s.account.id}/authorisations`, token: s.manager.token, body: { staffId: person.id, reason: 'Posts the news' } };
  },
  'POST /api/v1/authorisations/{id}/revoke': async (walk) => {
    const s = await walk.shared();
    const person = await walk.t.newStaff(['staff']);
    await authorise(walk.t, s, s.account.id, person);
    const list = await ok('authorisations', walk.t.http.get(`/api/v1/accounts/${s.account.id}/authorisations?limit=200`).set(bearer(s.manager.token)), 200);
    const grant = list.body.items.find((item: any) => item.staffId === person.id);
    return { path: `/api/v1/authorisations/${grant.id}/revoke`, token: s.manager.token, body: { reason: 'Moved team' } };
  },
  'POST /api/v1/content-checks': async (walk) => {
    const s = await walk.shared();
    // A POST only for its body: the check changes nothing, so it must write nothing.
    return { path: '/api/v1/content-checks', token: s.author.token, body: { accountId: s.account.id, text: 'Our summer fair is on Saturday.' }, changesNothing: true };
  },
  // Content rules are the managers' (ROLES_BY_PERMISSION).
  'PUT /api/v1/content-rules/prohibited-terms': async (walk) => ({ path: '/api/v1/content-rules/prohibited-terms', token: (await walk.shared()).manager.token, body: { terms: [`banned${unique()}`] } }),
  'PUT /api/v1/content-rules/org-domains': async (walk) => ({ path: '/api/v1/content-rules/org-domains', token: (await walk.shared()).manager.token, body: { domains: [`walk${unique()}.example.test`] } }),
  'POST /api/v1/content-rules/protected-names': async (walk) => ({ path: '/api/v1/content-rules/protected-names', token: (await walk.shared()).manager.token, body: { names: [`Resident ${unique()}`] } }),
  'POST /api/v1/content-rules/protected-names/remove': async (walk) => {
    const { manager } = await walk.shared();
    const name = `Resident ${unique()}`;
    await ok('add name', walk.t.http.post('/api/v1/content-rules/protected-names').set(bearer(manager.token)).send({ names: [name] }), 200);
    return { path: '/api/v1/content-rules/protected-names/remove', token: manager.token, body: { names: [name] } };
  },
  'POST /api/v1/media': async (walk) => {
    const s = await walk.shared();
    return { path: '/api/v1/media', token: s.author.token, file: { name: 'photo.png', bytes: pngBytes(32 + Math.floor(Math.random() * 1000)) } };
  },
  'POST /api/v1/drafts': async (walk) => {
    const s = await walk.shared();
    return { path: '/api/v1/drafts', token: s.author.token, body: { accountId: s.account.id, text: `Coffee morning ${unique()}` } };
  },
  'PATCH /api/v1/drafts/{id}': async (walk) => {
    const s = await walk.shared();
    const draft = await createDraft(walk.t, s.author.token, { accountId: s.account.id, text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}`, token: s.author.token, body: { text: 'Coffee morning on Friday at ten.' } };
  },
  'POST /api/v1/drafts/{id}/submit': async (walk) => {
    const s = await walk.shared();
    const draft = await createDraft(walk.t, s.author.token, { accountId: s.account.id, text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}/submit`, token: s.author.token };
  },
  'POST /api/v1/drafts/{id}/withdraw': async (walk) => {
    const s = await walk.shared();
    const draft = await submitted(walk.t, s, { text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}/withdraw`, token: s.author.token };
  },
  'POST /api/v1/drafts/{id}/approve': async (walk) => {
    const s = await walk.shared();
    const draft = await submitted(walk.t, s, { text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}/approve`, token: s.reviewer.token, body: { revisionId: draft.revision.id, scheduledFor: inDays(walk.t, 7) } };
  },
  'POST /api/v1/drafts/{id}/request-changes': async (walk) => {
    const s = await walk.shared();
    const draft = await submitted(walk.t, s, { text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}/request-changes`, token: s.reviewer.token, body: { comment: 'Add the time.' } };
  },
  'POST /api/v1/drafts/{id}/reject': async (walk) => {
    const s = await walk.shared();
    const draft = await submitted(walk.t, s, { text: `Coffee morning ${unique()}` });
    return { path: `/api/v1/drafts/${draft.id}/reject`, token: s.reviewer.token, body: { reason: 'Not for this page.' } };
  },
  'POST /api/v1/drafts/{id}/confirm': async (walk) => {
    const s = await walk.shared();
    const draft = await submitted(walk.t, s, { text: `Open day ${unique()}` });
    await ok('approve', walk.t.http.post(`/api/v1/drafts/${draft.id}/approve`).set(bearer(s.reviewer.token)).send({ revisionId: draft.revision.id, scheduledFor: inDays(walk.t, 7) }), 200);
    // A suspension while scheduled holds it (test/publishing/lifecycle.spec.ts); the worker that does so is off here.
    await walk.t.dataSource.getRepository(Draft).update({ id: draft.id }, { status: 'held' });
    return { path: `/api/v1/drafts/${draft.id}/confirm`, token: s.manager.token };
  },
  'POST /api/v1/staff/{id}/offboard': async (walk) => {
    const { s, person } = await leaver(walk);
    // Something for the offboarding to cascade to: a submitted draft it hands back.
    await authorise(walk.t, s, s.account.id, person);
    const draft = await createDraft(walk.t, person.token, { accountId: s.account.id, text: `Leaving soon ${unique()}` });
    await ok('submit', walk.t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(person.token)), 200);
    return { path: `/api/v1/staff/${person.id}/offboard`, token: s.admin, body: { reason: 'Resigned' } };
  },
  'DELETE /api/v1/staff/{id}/offboard': async (walk) => {
    const { s, person } = await leaver(walk);
    await ok('schedule offboarding', walk.t.http.post(`/api/v1/staff/${person.id}/offboard`).set(bearer(s.admin)).send({ reason: 'Contract ends', effectiveAt: inDays(walk.t, 7) }), 202);
    return { path: `/api/v1/staff/${person.id}/offboard`, token: s.admin };
  },
  'POST /api/v1/offboarding-tasks/{id}/complete': async (walk) => {
    const { s, person } = await leaver(walk);
    const off = await ok('offboard', walk.t.http.post(`/api/v1/staff/${person.id}/offboard`).set(bearer(s.admin)).send({ reason: 'Resigned' }), 200, 201);
    return { path: `/api/v1/offboarding-tasks/${off.body.report.tasks[0].id}/complete`, token: s.manager.token, body: { note: 'Removed the Page role.' } };
  },
  'POST /api/v1/staff/{id}/reinstate': async (walk) => {
    const { s, person } = await leaver(walk);
    await ok('offboard', walk.t.http.post(`/api/v1/staff/${person.id}/offboard`).set(bearer(s.admin)).send({ reason: 'Resigned' }), 200, 201);
    return { path: `/api/v1/staff/${person.id}/reinstate`, token: s.admin, body: { reason: 'Offboarded by mistake' } };
  },
  'POST /web/session': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: '/web/session', body: { email: person.email, password: person.password } };
  },
  'DELETE /web/session': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    const signedIn = await ok('web sign-in', t.http.post('/web/session').send({ email: person.email, password: person.password }), 200);
    const cookies = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]);
    const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('gh_csrf='))!.slice('gh_csrf='.length));
    return { path: '/web/session', headers: { Cookie: cookies.join('; '), 'X-CSRF-Token': csrf } };
  },
  'POST /api/v1/connections': async ({ t }) => ({ path: '/api/v1/connections', token: await t.adminToken(), body: { platform: 'facebook' } }),
  'POST /api/v1/accounts/{id}/credentials/check': async (walk) => {
    const account = await connectedAccount(walk);
    return { path: `/api/v1/accounts/${account.id}/credentials/check`, token: await walk.t.adminToken() };
  },
  'PUT /api/v1/me/notification-preferences': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: '/api/v1/me/notification-preferences', token: person.token, body: { email: 'daily' } };
  },
  'POST /api/v1/auth/password-reset': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: '/api/v1/auth/password-reset', body: { email: person.email } };
  },
  'POST /api/v1/auth/password-reset/confirm': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    await ok('ask for a reset', t.http.post('/api/v1/auth/password-reset').send({ email: person.email }), 202);
    await t.app.get(PasswordResetService).settled();
    // The link is only ever in the mail; the mail waits in the outbox (nothing is sent in this test).
    const mail = await t.dataSource.getRepository(MailOutbox).findOneByOrFail({ recipientStaffId: person.id, kind: 'password_reset' });
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    return { path: '/api/v1/auth/password-reset/confirm', body: { token, newPassword: `reset-${unique()}-long-password` } };
  },
  'POST /api/v1/staff/{id}/password-reset': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: `/api/v1/staff/${person.id}/password-reset`, token: await t.adminToken() };
  },
  'POST /api/v1/concerns': async ({ t }) => {
    const person = await t.newStaff(['staff']);
    return { path: '/api/v1/concerns', token: person.token, body: { kind: 'colleague_conduct', description: 'A colleague posted about a shift.' } };
  },
  'POST /api/v1/concerns/{id}/notes': async (walk) => {
    const { s, id } = await colleagueConcern(walk);
    return { path: `/api/v1/concerns/${id}/notes`, token: s.manager.token, body: { text: 'Spoke with them.' } };
  },
  'POST /api/v1/concerns/{id}/assign': async (walk) => {
    const { s, id } = await colleagueConcern(walk);
    return { path: `/api/v1/concerns/${id}/assign`, token: s.manager.token, body: { staffId: s.reviewer.id } };
  },
  'POST /api/v1/concerns/{id}/hr-advice': async (walk) => {
    const { s, id } = await colleagueConcern(walk);
    return { path: `/api/v1/concerns/${id}/hr-advice`, token: s.manager.token, body: { note: 'HR advise an informal conversation first.' } };
  },
  'POST /api/v1/concerns/{id}/resolve': async (walk) => {
    const { s, id } = await colleagueConcern(walk);
    return { path: `/api/v1/concerns/${id}/resolve`, token: s.manager.token, body: { outcome: 'Spoke with the colleague; post removed.' } };
  },
  'POST /api/v1/concerns/{id}/breach-decision': async (walk) => {
    const { s, id } = await concern(walk, { kind: 'mistake', description: `Sent the rota to the wrong group (${unique()}).`, personalData: true });
    return { path: `/api/v1/concerns/${id}/breach-decision`, token: s.dpo.token, body: { decision: 'not_reportable', decisionReason: 'No personal data left the organisation.' } };
  },
  'POST /api/v1/drafts/{id}/removal-requests': async (walk) => {
    const colleague = await walk.t.newStaff(['staff']);
    const { s, draft } = await photoDraft(walk, colleague);
    await ok('grant consent', walk.t.http.post(`/api/v1/consent-requests/${await consentRequestOf(walk, colleague, draft.id)}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' }), 200);
    await ok('submit', walk.t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token)), 200);
    return { path: `/api/v1/drafts/${draft.id}/removal-requests`, token: colleague.token, body: { reason: 'Please do not use my photo.' } };
  },
  'POST /api/v1/consent-requests/{id}/decision': async (walk) => {
    const colleague = await walk.t.newStaff(['staff']);
    const { draft } = await photoDraft(walk, colleague);
    return { path: `/api/v1/consent-requests/${await consentRequestOf(walk, colleague, draft.id)}/decision`, token: colleague.token, body: { decision: 'granted' } };
  },
};

/**
 * The mutating SCIM routes: outside the OpenAPI document (RFC 7644 describes them), walked all the same.
 * Their caller is the identity provider, with the SCIM token.
 */
export const SCIM_SCENARIOS: Record<string, Scenario> = {
  'POST /scim/v2/Users': async () => ({ path: '/scim/v2/Users', headers: SCIM_HEADERS, body: scimUser(`walk.${unique()}@example.test`) }),
  'PUT /scim/v2/Users/{id}': async (walk) => {
    const user = await scimUserCreated(walk);
    return { path: `/scim/v2/Users/${user.id}`, headers: SCIM_HEADERS, body: { ...scimUser(user.userName), id: user.id, displayName: 'Walk Renamed' } };
  },
  'PATCH /scim/v2/Users/{id}': async (walk) => {
    const user = await scimUserCreated(walk);
    return { path: `/scim/v2/Users/${user.id}`, headers: SCIM_HEADERS, body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] } };
  },
  'DELETE /scim/v2/Users/{id}': async (walk) => {
    const user = await scimUserCreated(walk);
    return { path: `/scim/v2/Users/${user.id}`, headers: SCIM_HEADERS };
  },
  'POST /scim/v2/Groups': async (walk) => {
    const member = await scimUserCreated(walk);
    return { path: '/scim/v2/Groups', headers: SCIM_HEADERS, body: { schemas: [GROUP_SCHEMA], displayName: GROUPS.post, members: [{ value: member.id }] } };
  },
  'PUT /scim/v2/Groups/{id}': async (walk) => {
    const { group, member } = await scimGroupCreated(walk, GROUPS.put);
    return { path: `/scim/v2/Groups/${group.id}`, headers: SCIM_HEADERS, body: { schemas: [GROUP_SCHEMA], id: group.id, displayName: group.displayName, members: [{ value: member.id }] } };
  },
  'PATCH /scim/v2/Groups/{id}': async (walk) => {
    const { group, member } = await scimGroupCreated(walk, GROUPS.patch);
    return { path: `/scim/v2/Groups/${group.id}`, headers: SCIM_HEADERS, body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: member.id }] }] } };
  },
  'DELETE /scim/v2/Groups/{id}': async (walk) => {
    // With a member, so the deletion takes a role away.
    const { group } = await scimGroupCreated(walk, GROUPS.delete, true);
    return { path: `/scim/v2/Groups/${group.id}`, headers: SCIM_HEADERS };
  },
};

