import { createHash } from 'crypto';
import { bearer } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { Connection } from '../../src/connections/connection.entity';
import { ConnectionsService } from '../../src/connections/connections.service';
import { ConnectionJobs } from '../../src/connections/connection-jobs';
import { MINUTE } from '../../src/common/time';
import { createAccount } from '../governance/fixtures';
import { APPS, auditActions, signIn, startWorld, visit, World } from './support';

jest.setTimeout(120_000);

describe('connections: state, expiry, roles and refusals', () => {
  let w: World;
  let admin: string;
  let manager: { id: string; token: string };

  beforeAll(async () => {
    w = await startWorld();
    w.graph.addUser('fb-user', [{ id: '202000000000001', name: 'Elm House Care', tasks: ['CREATE_CONTENT'], ticked: true }]);
    w.graph.login.signedIn = 'fb-user';
    w.youtube.addUser('g-user', [{ id: 'UCelmhouse000000000000001', title: 'Elm House' }]);
    w.youtube.login.signedIn = 'g-user';
    admin = await w.t.adminToken();
    manager = await w.t.newStaff(['manager']);
  });
  afterAll(() => w.stop());

  const start = (body: Record<string, unknown>, token = admin) => w.t.http.post('/api/v1/connections').set(bearer(token)).send(body);
  const row = (id: string) => w.t.dataSource.getRepository(Connection).findOneByOrFail({ id });

  it('is for admins only', async () => {
    const staff = await w.t.newStaff(['staff']);
    for (const token of [manager.token, staff.token]) expect((await start({ platform: 'facebook' }, token)).status).toBe(403);
    const started = await start({ platform: 'facebook' });
    expect((await w.t.http.get(`/api/v1/connections/${started.body.id}`).set(bearer(manager.token))).status).toBe(403);
    expect((await w.t.http.get('/api/v1/connections/not-a-uuid').set(bearer(admin))).status).toBe(404);
    expect((await start({ platform: 'myspace' })).body.code).toBe('VALIDATION_FAILED');
  });

  it('stores only the hash of a fresh 256-bit state, and the verifier sealed', async () => {
    const one = await start({ platform: 'youtube' });
    const two = await start({ platform: 'youtube' });
    const states = [one, two].map((r) => new URL(r.body.authorizationUrl).searchParams.get('state')!);
    expect(states[0]).not.toBe(states[1]);
    expect(Buffer.from(states[0], 'base64url')).toHaveLength(32);
    const stored = await row(one.body.id);
    expect(stored.stateHash).toBe(createHash('sha256').update(states[0]).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(states[0]);
    const challenge = new URL(one.body.authorizationUrl).searchParams.get('code_challenge')!;
    expect(stored.secretsCiphertext).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(challenge);
  });

  it('answers an unknown or missing state with a 400 page and changes nothing', async () => {
    const countBefore = await w.t.dataSource.getRepository(Connection).count();
    const auditBefore = (await w.t.http.get('/api/v1/audit/head').set(bearer(admin))).body.id;
    for (const query of ['?code=abc&state=not-one-of-ours', '?code=abc', '?error=access_denied']) {
      const page = await visit(`${w.t.config.publicUrl}/oauth/callback${query}`);
      expect(page.status).toBe(400);
      expect(page.contentType).toContain('text/html');
      expect(page.text).toContain('not one Gatehouse started');
    }
    expect(await w.t.dataSource.getRepository(Connection).count()).toBe(countBefore);
    expect((await w.t.http.get('/api/v1/audit/head').set(bearer(admin))).body.id).toBe(auditBefore);
  });

  it('answers a state older than 15 minutes with a 400 page, leaving the connection as it was, and the sweep then expires it', async () => {
    const started = await start({ platform: 'facebook' });
    const consent = await visit(started.body.authorizationUrl);
    const before = await row(started.body.id);
    w.t.travel(16 * MINUTE);
    try {
      const page = await visit(consent.location!);
      expect(page.status).toBe(400);
      expect(page.text).toContain('expired');
      expect(await row(started.body.id)).toEqual(before);
      expect(w.graph.requestsTo(on('GET', '/v25.0/oauth/access_token')).some((r) => r.query.get('code') === new URL(consent.location!).searchParams.get('code'))).toBe(false);
      const view = await w.t.http.get(`/api/v1/connections/${started.body.id}`).set(bearer(admin));
      expect(view.body.status).toBe('expired');
      await w.t.app.get(ConnectionsService).expireDue();
    } finally {
      w.t.travel(-16 * MINUTE);
    }
    const swept = await row(started.body.id);
    expect(swept).toMatchObject({ status: 'expired', secretsCiphertext: null, secretsIv: null, secretsAuthTag: null });
    expect(await auditActions(w, started.body.id)).toEqual(expect.arrayContaining(['connection.started', 'connection.expired']));
  });

  it('an authorised connection unused for 30 minutes cannot be used, and the sweep erases its tokens', async () => {
    const flow = await signIn(w, { platform: 'facebook' });
    expect((await row(flow.connection.id)).secretsCiphertext).not.toBeNull();
    w.t.travel(31 * MINUTE);
    try {
      const late = await w.t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', externalId: '202000000000001', ownerId: manager.id, connectionId: flow.connection.id });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('INVALID_STATE');
      expect(await w.t.app.get(ConnectionsService).expireDue()).toBeGreaterThanOrEqual(1);
    } finally {
      w.t.travel(-31 * MINUTE);
    }
    expect(await row(flow.connection.id)).toMatchObject({ status: 'expired', secretsCiphertext: null });
    const after = await w.t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', externalId: '202000000000001', ownerId: manager.id, connectionId: flow.connection.id });
    expect(after.status).toBe(409);
  });

  it('runs the expiry sweep once a tick however many instances try', async () => {
    const jobs = w.t.app.get(ConnectionJobs);
    expect(await jobs.tick('connections-expiry')).toBe(true);
    expect(await jobs.tick('connections-expiry')).toBe(false);
  });

  it('answers PLATFORM_APP_NOT_CONFIGURED, naming the variables, when a platform has no app', async () => {
    const bare = await startWorld({}, { configured: false });
    try {
      const token = await bare.t.adminToken();
      const expected = {
        facebook: ['GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'],
        instagram: ['GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'],
        linkedin: ['GATEHOUSE_LINKEDIN_CLIENT_ID', 'GATEHOUSE_LINKEDIN_CLIENT_SECRET'],
        youtube: ['GATEHOUSE_GOOGLE_CLIENT_ID', 'GATEHOUSE_GOOGLE_CLIENT_SECRET'],
      };
      for (const [platform, variables] of Object.entries(expected)) {
        const refused = await bare.t.http.post('/api/v1/connections').set(bearer(token)).send({ platform });
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ code: 'PLATFORM_APP_NOT_CONFIGURED', details: { platform, variables } });
        for (const variable of variables) expect(refused.body.message).toContain(variable);
      }
      expect(await bare.t.dataSource.getRepository(Connection).count()).toBe(0);
    } finally {
      await bare.stop();
    }
  });

  it('reconnects only open live accounts of the same platform', async () => {
    const sandbox = await createAccount(w.t, manager.id, { mode: 'sandbox' });
    expect((await start({ platform: 'facebook', accountId: sandbox.id })).body.code).toBe('VALIDATION_FAILED');
    const live = await createAccount(w.t, manager.id, { mode: 'live', platform: 'linkedin', externalId: '424242' });
    expect((await start({ platform: 'facebook', accountId: live.id })).body.code).toBe('VALIDATION_FAILED');
    await w.t.http.post(`/api/v1/accounts/${live.id}/close`).set(bearer(admin)).send({ reason: 'Page deleted' });
    const closed = await start({ platform: 'linkedin', accountId: live.id });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('ACCOUNT_CLOSED');
    expect((await start({ platform: 'facebook', accountId: '0b9d7c36-8a4e-4c62-9f6f-2b8a1f3e5d70' })).status).toBe(404);
  });

  it('keeps a reconnection for its account, and sandbox accounts out of connections', async () => {
    const target = await createAccount(w.t, manager.id, { mode: 'live', externalId: '202000000000001' });
    const flow = await signIn(w, { platform: 'facebook', accountId: target.id });
    const asNew = await w.t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', externalId: '202000000000001', ownerId: manager.id, connectionId: flow.connection.id });
    expect(asNew.status).toBe(400);
    const other = await createAccount(w.t, manager.id, { mode: 'live', externalId: '202000000000001' });
    expect((await w.t.http.post(`/api/v1/accounts/${other.id}/connect`).set(bearer(admin)).send({ connectionId: flow.connection.id })).status).toBe(400);
    const fresh = await signIn(w, { platform: 'facebook' });
    const sandbox = await w.t.http.post('/api/v1/accounts').set(bearer(admin)).send({ platform: 'facebook', externalId: '202000000000001', ownerId: manager.id, connectionId: fresh.connection.id, mode: 'sandbox' });
    expect(sandbox.status).toBe(400);
    expect((await row(fresh.connection.id)).status).toBe('authorised');
    const connected = await w.t.http.post(`/api/v1/accounts/${target.id}/connect`).set(bearer(admin)).send({ connectionId: flow.connection.id });
    expect(connected.status).toBe(200);
    expect(await auditActions(w, target.id)).toContain('account.connected');
  });

  it('fails EXCHANGE_FAILED with the platform’s words when the app secret is wrong, and never redirects to an unregistered URI', async () => {
    w.graph.login.register({ ...APPS.facebook, clientSecret: 'rotated-in-the-meta-console', redirectUris: [`${w.t.config.publicUrl}/oauth/callback`] });
    try {
      const flow = await signIn(w, { platform: 'facebook' });
      expect(flow.connection.failure).toEqual({ code: 'EXCHANGE_FAILED', message: expect.stringContaining('Error validating client secret') });
    } finally {
      w.graph.login.register({ ...APPS.facebook, redirectUris: [`${w.t.config.publicUrl}/oauth/callback`] });
    }
    w.youtube.login.register({ ...APPS.google, redirectUris: ['https://gatehouse.example.org/oauth/callback'] });
    try {
      const started = await start({ platform: 'youtube' });
      const consent = await visit(started.body.authorizationUrl);
      expect(consent.status).toBe(400);
      expect(consent.text).toContain('redirect_uri_mismatch');
      expect((await row(started.body.id)).status).toBe('pending');
    } finally {
      w.youtube.login.register({ ...APPS.google, redirectUris: [`${w.t.config.publicUrl}/oauth/callback`] });
    }
  });

  it('the emulated token endpoints refuse a code twice, for another redirect URI, or without its PKCE verifier', async () => {
    const redirect = `${w.t.config.publicUrl}/oauth/callback`;
    const consent = async () => new URL((await visit(`${w.youtube.url}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: APPS.google.clientId, redirect_uri: redirect, response_type: 'code', code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'), code_challenge_method: 'S256', access_type: 'offline', prompt: 'consent', state: 's' })}`)).location!).searchParams.get('code')!;
    const exchange = (fields: Record<string, string>) =>
      fetch(`${w.youtube.url}/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: APPS.google.clientId, client_secret: APPS.google.clientSecret, redirect_uri: redirect, code_verifier: 'v'.repeat(43), ...fields }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const code = await consent();
    expect((await exchange({ code, code_verifier: 'w'.repeat(43) })).body).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    expect((await exchange({ code, redirect_uri: 'https://evil.example/cb' })).body.error).toBe('redirect_uri_mismatch');
    expect((await exchange({ code, client_secret: 'wrong' })).status).toBe(401);
    expect((await exchange({ code })).status).toBe(200);
    expect((await exchange({ code })).body.error).toBe('invalid_grant');
  });
});
