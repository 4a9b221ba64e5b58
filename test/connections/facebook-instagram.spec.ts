import { bearer } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { CredentialVault } from '../../src/accounts/vault/credential-vault';
import { Account } from '../../src/accounts/account.entity';
import { jpegBytes, upload } from '../drafts/support';
import { approved, settled } from '../publishing/support';
import { APPS, auditActions, connectedStage, everythingVisible, signIn, startWorld, visit, World } from './support';

jest.setTimeout(120_000);

const PAGES = {
  elm: { id: '101000000000001', name: 'Elm House Care', tasks: ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'ADVERTISE', 'ANALYZE'], ticked: true, instagram: { id: '17841400000000101', username: 'elmhousecare' } },
  analyst: { id: '101000000000002', name: 'Oak Lodge (insights only)', tasks: ['ANALYZE'], ticked: true },
  unticked: { id: '101000000000003', name: 'Personal bakery page', tasks: ['MANAGE', 'CREATE_CONTENT'], ticked: false },
  birch: { id: '101000000000004', name: 'Birch Court', tasks: ['CREATE_CONTENT', 'MODERATE'], ticked: true },
  willow: { id: '101000000000005', name: 'Willow Day Centre', tasks: ['CREATE_CONTENT'], ticked: true },
};

describe('connecting Facebook Pages and Instagram accounts through Facebook Login', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
    w.graph.addUser('fb-user-1', [PAGES.elm, PAGES.analyst, PAGES.unticked, PAGES.birch, PAGES.willow]);
    w.graph.addUser('fb-user-2', [{ id: '101000000000009', name: 'Someone else’s Page', tasks: ['CREATE_CONTENT'], ticked: true }]);
    w.graph.addUser('fb-user-none', [{ ...PAGES.unticked, id: '101000000000010' }]);
    w.graph.login.signedIn = 'fb-user-1';
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.graph.login.signedIn = 'fb-user-1';
  });

  it('builds the login dialog URL, exchanges the code for a long-lived token and lists only Pages that may be posted to, across every page of me/accounts', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    const url = new URL(flow.started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${w.graph.url}/v25.0/dialog/oauth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: APPS.facebook.clientId,
      redirect_uri: `${w.t.config.publicUrl}/oauth/callback`,
      response_type: 'code',
      scope: 'pages_show_list,pages_manage_posts,pages_read_engagement,business_management,instagram_basic,instagram_content_publish',
    });
    // At least 128 random bits, URL-safe.
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(flow.started).toMatchObject({ status: 'pending', platform: 'facebook', accountId: null, candidates: [], failure: null });
    expect(Date.parse(flow.started.expiresAt) - Date.parse(flow.started.startedAt)).toBe(15 * 60_000);

    expect(flow.callback.status).toBe(302);
    expect(flow.callback.location).toBe(`/connections/${flow.started.id}`);
    expect(flow.connection.status).toBe('authorised');
    expect(Date.parse(flow.connection.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(flow.connection.candidates).toEqual([
      { externalId: PAGES.elm.id, name: 'Elm House Care', kind: 'page' },
      { externalId: PAGES.elm.instagram.id, name: '@elmhousecare (Instagram, via Elm House Care)', kind: 'instagram_account' },
      { externalId: PAGES.birch.id, name: 'Birch Court', kind: 'page' },
      { externalId: PAGES.willow.id, name: 'Willow Day Centre', kind: 'page' },
    ]);

    const tokenCalls = w.graph.requestsTo(on('GET', '/v25.0/oauth/access_token'));
    expect(tokenCalls.map((r) => r.query.get('grant_type'))).toEqual([null, 'fb_exchange_token']);
    expect(tokenCalls[0].query.get('redirect_uri')).toBe(`${w.t.config.publicUrl}/oauth/callback`);
    const listed = w.graph.requestsTo(on('GET', '/v25.0/me/accounts'));
    expect(listed).toHaveLength(3);
    // me/accounts is read with the long-lived user token, never the short-lived one.
    for (const call of listed) expect(call.query.get('access_token')).toMatch(/^EAAUlong-/);
  });

  it('creates a Facebook account from a candidate with the Page’s own token, and publishes a post with it', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'facebook', externalId: PAGES.birch.id });
    expect(s.account).toMatchObject({ name: 'Birch Court', externalId: PAGES.birch.id, hasCredentials: true, credentialsExpireAt: null, connectedById: await w.t.adminId(), credentialsInvalid: false });

    const stored = await w.t.app.get(CredentialVault).open(s.account.id);
    expect(w.graph.pageTokens.get(stored.accessToken)).toMatchObject({ pageId: PAGES.birch.id });
    expect(w.graph.userTokens.has(stored.accessToken)).toBe(false);

    const used = await w.t.http.get(`/api/v1/connections/${flow.connection.id}`).set(bearer(s.admin));
    expect(used.body).toMatchObject({ status: 'used', accountId: s.account.id });
    const again = await w.t.http.post('/api/v1/accounts').set(bearer(s.admin)).send({ platform: 'facebook', externalId: PAGES.willow.id, ownerId: s.manager.id, connectionId: flow.connection.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');

    const draft = await approved(w.t, s);
    const published = await settled(w.t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    const post = w.graph.requestsTo(on('POST', `/v25.0/${PAGES.birch.id}/feed`)).find((r) => r.form.get('message') === draft.revision.text)!;
    expect(post.form.get('access_token')).toBe(stored.accessToken);

    const check = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.manager.token));
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ valid: true, expiresAt: null, scopes: expect.arrayContaining(['pages_manage_posts']), checkedAt: expect.any(String) });
    const debug = w.graph.requestsTo(on('GET', '/v25.0/debug_token')).pop()!;
    expect(debug.query.get('access_token')).toBe(`${APPS.facebook.clientId}|${APPS.facebook.clientSecret}`);

    expect(await auditActions(w, flow.connection.id)).toEqual(expect.arrayContaining(['connection.started', 'connection.authorised', 'connection.used']));
    expect(await auditActions(w, s.account.id)).toEqual(expect.arrayContaining(['account.created', 'account.connected', 'account.credentials_checked']));
  });

  it('connects the Instagram account linked to a granted Page and publishes an image with that Page’s token', async () => {
    const flow = await signIn(w, { platform: 'instagram' });
    expect(flow.connection.candidates.map((c: { kind: string }) => c.kind)).toContain('instagram_account');
    const s = await connectedStage(w, flow.connection.id, { platform: 'instagram', externalId: PAGES.elm.instagram.id });
    expect(s.account.name).toBe('@elmhousecare (Instagram, via Elm House Care)');
    const stored = await w.t.app.get(CredentialVault).open(s.account.id);
    expect(w.graph.pageTokens.get(stored.accessToken)).toMatchObject({ pageId: PAGES.elm.id });

    const media = await upload(w.t, s.author.token, jpegBytes(2048), 'garden.jpg');
    const draft = await approved(w.t, s, { media: [{ mediaId: media.body.id, altText: 'The garden', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    const published = await settled(w.t, s.reviewer.token, draft.id, undefined, 30_000);
    expect(published.status).toBe('published');
    const container = w.graph.requestsTo(on('POST', `/v25.0/${PAGES.elm.instagram.id}/media`)).pop()!;
    expect(container.form.get('access_token')).toBe(stored.accessToken);
    expect(w.graph.igMedia.get(PAGES.elm.instagram.id)).toHaveLength(1);
  });

  it('refuses a candidate the connection does not hold, and a Page the login may not post to', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    const admin = await w.t.adminToken();
    const manager = await w.t.newStaff(['manager']);
    for (const externalId of [PAGES.analyst.id, PAGES.unticked.id, PAGES.elm.instagram.id]) {
      const refused = await w.t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', externalId, ownerId: manager.id, connectionId: flow.connection.id });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const still = await w.t.http.get(`/api/v1/connections/${flow.connection.id}`).set(bearer(admin));
    expect(still.body.status).toBe('authorised');
  });

  it('flags a token that died (password changed) when checked, and reconnecting with the right login clears it and records who connected', async () => {
    const first = await signIn(w, { platform: 'facebook' });
    const s = await connectedStage(w, first.connection.id, { platform: 'facebook', externalId: PAGES.willow.id });
    w.graph.invalidateUser('fb-user-1');
    const check = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.admin));
    expect(check.body).toMatchObject({ valid: false });
    const flagged = await w.t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.admin));
    expect(flagged.body).toMatchObject({ credentialsInvalid: true, publishable: false });
    expect(await auditActions(w, s.account.id)).toContain('account.credentials_invalidated');

    // Another admin signs in with a login that does not manage the Page.
    const otherAdmin = await w.t.newStaff(['admin']);
    w.graph.login.signedIn = 'fb-user-2';
    const wrong = await signIn(w, { platform: 'facebook', accountId: s.account.id }, otherAdmin.token);
    expect(wrong.connection).toMatchObject({ status: 'authorised', accountId: s.account.id });
    const notGranted = await w.t.http.post(`/api/v1/accounts/${s.account.id}/connect`).set(bearer(otherAdmin.token)).send({ connectionId: wrong.connection.id });
    expect(notGranted.status).toBe(409);
    expect(notGranted.body.code).toBe('ACCOUNT_NOT_GRANTED');

    // As offboarding leaves it when the person who connected the Page leaves.
    await w.t.dataSource.getRepository(Account).update({ id: s.account.id }, { credentialRotationRequired: true });
    w.graph.login.signedIn = 'fb-user-1';
    const right = await signIn(w, { platform: 'facebook', accountId: s.account.id }, otherAdmin.token);
    const connected = await w.t.http.post(`/api/v1/accounts/${s.account.id}/connect`).set(bearer(otherAdmin.token)).send({ connectionId: right.connection.id });
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ credentialsInvalid: false, credentialRotationRequired: false, connectedById: otherAdmin.id, publishable: true });
    const recheck = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.admin));
    expect(recheck.body.valid).toBe(true);
  });

  it('marks a refused consent CONSENT_REFUSED and still sends the browser to the connection page', async () => {
    w.graph.login.refuseNextConsent({ error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' });
    const exchangesBefore = w.graph.requestsTo(on('GET', '/v25.0/oauth/access_token')).length;
    const flow = await signIn(w, { platform: 'facebook' });
    expect(flow.callback.status).toBe(302);
    expect(flow.connection).toMatchObject({ status: 'failed', candidates: [], failure: { code: 'CONSENT_REFUSED', message: expect.stringContaining('Permissions error') } });
    expect(new URL(flow.consent.location!).searchParams.get('error_reason')).toBe('user_denied');
    expect(w.graph.requestsTo(on('GET', '/v25.0/oauth/access_token'))).toHaveLength(exchangesBefore);
    expect(await auditActions(w, flow.connection.id)).toContain('connection.failed');
  });

  it('fails NOTHING_GRANTED when no ticked Page may be posted to', async () => {
    w.graph.login.signedIn = 'fb-user-none';
    const flow = await signIn(w, { platform: 'facebook' });
    expect(flow.connection).toMatchObject({ status: 'failed', failure: { code: 'NOTHING_GRANTED' } });
  });

  it('answers 400 with a page, changing nothing, when the same callback comes again', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    const replay = await visit(flow.consent.location!);
    expect(replay.status).toBe(400);
    expect(replay.contentType).toContain('text/html');
    expect(replay.text).toContain('already been completed');
    const after = await w.t.http.get(`/api/v1/connections/${flow.connection.id}`).set(bearer(await w.t.adminToken()));
    expect(after.body).toEqual(flow.connection);
  });

  it('never shows a token: not in responses, the audit trail, accounts or connection rows', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    const visible = await everythingVisible(w, [flow.started, flow.connection]);
    const issued = [...w.graph.pageTokens.keys(), ...w.graph.userTokens.keys()];
    expect(issued.length).toBeGreaterThan(3);
    for (const token of [...issued, APPS.facebook.clientSecret]) expect(visible).not.toContain(token);
    const code = new URL(flow.consent.location!).searchParams.get('code')!;
    expect(visible).not.toContain(code);
  });
});
