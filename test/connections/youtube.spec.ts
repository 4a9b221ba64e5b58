import { createHash } from 'crypto';
import { bearer } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { CredentialVault } from '../../src/accounts/vault/credential-vault';
import { upload, videoBytes } from '../drafts/support';
import { approved, settled } from '../publishing/support';
import { APPS, auditActions, connectedStage, everythingVisible, signIn, startWorld, World } from './support';

jest.setTimeout(120_000);

describe('connecting YouTube channels through Google OAuth (PKCE, offline access)', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
    w.youtube.addUser('g-user-1', [{ id: 'UCriversidecare0000000001', title: 'Riverside Care' }]);
    w.youtube.addUser('g-user-2', [{ id: 'UCsomeoneelse000000000002', title: 'Someone else' }]);
    w.youtube.addUser('g-user-none', []);
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.youtube.login.signedIn = 'g-user-1';
    w.youtube.withholdRefreshToken = false;
  });

  it('asks for offline access with a PKCE S256 challenge and proves it with the verifier; lists the channels', async () => {
    const flow = await signIn(w, { platform: 'youtube' });
    const url = new URL(flow.started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${w.youtube.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: APPS.google.clientId,
      redirect_uri: `${w.t.config.publicUrl}/oauth/callback`,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    const exchange = w.youtube.requestsTo(on('POST', '/token')).pop()!;
    expect(exchange.form.get('grant_type')).toBe('authorization_code');
    const verifier = exchange.form.get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));
    expect(flow.connection.candidates).toEqual([{ externalId: 'UCriversidecare0000000001', name: 'Riverside Care', kind: 'channel' }]);
    const listed = w.youtube.requestsTo(on('GET', '/youtube/v3/channels')).pop()!;
    expect(Object.fromEntries(listed.query)).toMatchObject({ part: 'snippet', mine: 'true' });
  });

  it('creates the channel account and uploads a video with the stored token', async () => {
    const flow = await signIn(w, { platform: 'youtube' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'youtube', externalId: 'UCriversidecare0000000001' });
    expect(s.account).toMatchObject({ name: 'Riverside Care', credentialsExpireAt: null, hasCredentials: true });
    // The hour is up: the upload refreshes the token first, and the account still needs no reconnecting.
    w.youtube.expireAccessTokens();
    const media = await upload(w.t, s.author.token, videoBytes('isom', 4096), 'concert.mp4');
    const draft = await approved(w.t, s, { title: 'Summer concert', media: [{ mediaId: media.body.id, altText: 'Concert', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    const published = await settled(w.t, s.reviewer.token, draft.id, undefined, 30_000);
    expect(published.status).toBe('published');
    expect(w.youtube.videos.find((v) => v.id === published.publication.externalId)?.channelId).toBe('UCriversidecare0000000001');
    expect(w.youtube.requestsTo(on('POST', '/token')).some((r) => r.form.get('grant_type') === 'refresh_token')).toBe(true);
    const after = await w.t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.admin));
    expect(after.body).toMatchObject({ credentialsExpireAt: null, credentialsInvalid: false });
  });

  it('a check renews an access token that ran out, and flags the account once the person revoked access', async () => {
    const flow = await signIn(w, { platform: 'youtube' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'youtube', externalId: 'UCriversidecare0000000001' });
    const before = await w.t.app.get(CredentialVault).open(s.account.id);
    w.youtube.expireAccessTokens();
    const renewed = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.manager.token));
    expect(renewed.body).toMatchObject({ valid: true, scopes: ['https://www.googleapis.com/auth/youtube.upload'] });
    const after = await w.t.app.get(CredentialVault).open(s.account.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(await auditActions(w, s.account.id)).toContain('account.credentials_refreshed');

    w.youtube.revokeUser('g-user-1');
    const dead = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.manager.token));
    expect(dead.body.valid).toBe(false);
    const account = await w.t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.admin));
    expect(account.body.credentialsInvalid).toBe(true);
    w.youtube.addUser('g-user-1', [{ id: 'UCriversidecare0000000001', title: 'Riverside Care' }]);
  });

  it('fails OFFLINE_ACCESS_MISSING when Google gives no refresh token', async () => {
    w.youtube.withholdRefreshToken = true;
    const flow = await signIn(w, { platform: 'youtube' });
    expect(flow.connection).toMatchObject({ status: 'failed', candidates: [], failure: { code: 'OFFLINE_ACCESS_MISSING' } });
  });

  it('reconnecting with a Google account that does not own the channel answers ACCOUNT_NOT_GRANTED', async () => {
    const flow = await signIn(w, { platform: 'youtube' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'youtube', externalId: 'UCriversidecare0000000001' });
    w.youtube.login.signedIn = 'g-user-2';
    const other = await signIn(w, { platform: 'youtube', accountId: s.account.id });
    const refused = await w.t.http.post(`/api/v1/accounts/${s.account.id}/connect`).set(bearer(s.admin)).send({ connectionId: other.connection.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACCOUNT_NOT_GRANTED');
  });

  it('marks access_denied CONSENT_REFUSED and a Google account without a channel NOTHING_GRANTED', async () => {
    w.youtube.login.refuseNextConsent({ error: 'access_denied' });
    expect((await signIn(w, { platform: 'youtube' })).connection.failure.code).toBe('CONSENT_REFUSED');
    w.youtube.login.signedIn = 'g-user-none';
    expect((await signIn(w, { platform: 'youtube' })).connection.failure.code).toBe('NOTHING_GRANTED');
  });

  it('keeps every Google token out of sight', async () => {
    await signIn(w, { platform: 'youtube' });
    const visible = await everythingVisible(w);
    for (const token of [...w.youtube.issuedTo.keys(), ...w.youtube.refreshTokens.keys(), APPS.google.clientSecret]) expect(visible).not.toContain(token);
  });
});
