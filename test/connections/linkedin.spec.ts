import { bearer } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { CredentialVault } from '../../src/accounts/vault/credential-vault';
import { CredentialHealth } from '../../src/connections/credential-health';
import { DAY } from '../../src/common/time';
import { approved, settled } from '../publishing/support';
import { APPS, auditActions, connectedStage, everythingVisible, signIn, startWorld, World } from './support';

jest.setTimeout(120_000);

describe('connecting LinkedIn organisation pages', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
    w.linkedin.addOrganisation('2414183', 'Riverside Care Group');
    w.linkedin.addOrganisation('5123456', 'Riverside Recruitment');
    w.linkedin.addOrganisation('7000001', 'Local Care Forum');
    w.linkedin.addMember('li-member-1', [
      { organization: 'urn:li:organization:2414183', role: 'ADMINISTRATOR' },
      { organization: 'urn:li:organization:5123456', role: 'CONTENT_ADMINISTRATOR' },
      { organization: 'urn:li:organization:7000001', role: 'ANALYST' },
      { organization: 'urn:li:organization:7000001', role: 'ADMINISTRATOR', state: 'REQUESTED' },
    ]);
    w.linkedin.addMember('li-member-2', [{ organization: 'urn:li:organization:7000001', role: 'ADMINISTRATOR' }]);
    w.linkedin.addMember('li-member-none', [{ organization: 'urn:li:organization:7000001', role: 'ANALYST' }]);
    // One element an answer, so the organisations come over several pages.
    w.linkedin.aclPageSize = 1;
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.linkedin.login.signedIn = 'li-member-1';
    w.linkedin.issueRefreshTokens = true;
  });

  it('lists the organisations the member administers or content-administers, with their names', async () => {
    const flow = await signIn(w, { platform: 'linkedin' });
    const url = new URL(flow.started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${w.linkedin.url}/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: APPS.linkedin.clientId, redirect_uri: `${w.t.config.publicUrl}/oauth/callback`, scope: 'w_organization_social r_organization_social rw_organization_admin' });
    expect(flow.connection.status).toBe('authorised');
    expect(flow.connection.candidates).toEqual([
      { externalId: '2414183', name: 'Riverside Care Group', kind: 'organization' },
      { externalId: '5123456', name: 'Riverside Recruitment', kind: 'organization' },
    ]);
    const exchange = w.linkedin.requestsTo(on('POST', '/oauth/v2/accessToken')).pop()!;
    expect(Object.fromEntries(exchange.form)).toMatchObject({ grant_type: 'authorization_code', client_id: APPS.linkedin.clientId, client_secret: APPS.linkedin.clientSecret, redirect_uri: `${w.t.config.publicUrl}/oauth/callback` });
    const acls = w.linkedin.requestsTo(on('GET', '/rest/organizationAcls'));
    expect(new Set(acls.map((r) => r.query.get('role')))).toEqual(new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']));
    expect(acls.every((r) => r.query.get('q') === 'roleAssignee' && r.query.get('state') === 'APPROVED')).toBe(true);
  });

  it('creates the account with the token, reconnect-by date from the refresh token, and publishes as the organisation', async () => {
    const flow = await signIn(w, { platform: 'linkedin' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'linkedin', externalId: '5123456' });
    // The refresh token lasts a year: that is when the account must be reconnected.
    expect(Date.parse(s.account.credentialsExpireAt) - Date.now()).toBeGreaterThan(364 * DAY);
    const draft = await approved(w.t, s);
    const published = await settled(w.t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    expect(w.linkedin.posts.find((p) => p.commentary.includes('Summer fair'))?.author).toBe('urn:li:organization:5123456');

    const check = await w.t.http.post(`/api/v1/accounts/${s.account.id}/credentials/check`).set(bearer(s.manager.token));
    expect(check.body).toMatchObject({ valid: true, scopes: expect.arrayContaining(['w_organization_social']) });
    expect(Date.parse(check.body.expiresAt) - Date.now()).toBeGreaterThan(59 * DAY);
    const introspection = w.linkedin.requestsTo(on('POST', '/oauth/v2/introspectToken')).pop()!;
    expect(introspection.form.get('client_id')).toBe(APPS.linkedin.clientId);
  });

  it('without refresh tokens (an app LinkedIn has not approved for them), the account must be reconnected when the 60 days end', async () => {
    w.linkedin.issueRefreshTokens = false;
    const flow = await signIn(w, { platform: 'linkedin' });
    const s = await connectedStage(w, flow.connection.id, { platform: 'linkedin', externalId: '2414183' });
    const days = (Date.parse(s.account.credentialsExpireAt) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThan(60.1);
  });

  it('the daily check refreshes a token within 7 days of expiry and flags one LinkedIn revoked', async () => {
    const one = await signIn(w, { platform: 'linkedin' });
    const refreshed = await connectedStage(w, one.connection.id, { platform: 'linkedin', externalId: '2414183' });
    w.linkedin.login.signedIn = 'li-member-2';
    const two = await signIn(w, { platform: 'linkedin' });
    const revoked = await connectedStage(w, two.connection.id, { platform: 'linkedin', externalId: '7000001' });
    const before = await w.t.app.get(CredentialVault).open(refreshed.account.id);

    w.linkedin.revokeMember('li-member-2');
    // 54 days on, the 60-day access token is within a week of its end. Back again before any request: sessions last hours.
    w.t.travel(54 * DAY);
    const result = await w.t.app.get(CredentialHealth).checkAll().finally(() => w.t.travel(-54 * DAY));
    expect(result.invalidated).toBeGreaterThanOrEqual(1);
    expect(result.refreshed).toBeGreaterThanOrEqual(1);

    const after = await w.t.app.get(CredentialVault).open(refreshed.account.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(w.linkedin.requestsTo(on('POST', '/oauth/v2/accessToken')).some((r) => r.form.get('grant_type') === 'refresh_token' && r.form.get('refresh_token') === before.refreshToken)).toBe(true);
    expect(await auditActions(w, refreshed.account.id)).toContain('account.credentials_refreshed');
    const fresh = await w.t.http.get(`/api/v1/accounts/${refreshed.account.id}`).set(bearer(refreshed.admin));
    expect(fresh.body.credentialsInvalid).toBe(false);

    const dead = await w.t.http.get(`/api/v1/accounts/${revoked.account.id}`).set(bearer(revoked.admin));
    expect(dead.body).toMatchObject({ credentialsInvalid: true, publishable: false });
    expect(await auditActions(w, revoked.account.id)).toContain('account.credentials_invalidated');
  });

  it('marks user_cancelled_authorize CONSENT_REFUSED, and a member with no posting role NOTHING_GRANTED', async () => {
    w.linkedin.login.refuseNextConsent({ error: 'user_cancelled_authorize', error_description: 'The user cancelled the authorization' });
    const refused = await signIn(w, { platform: 'linkedin' });
    expect(refused.connection.failure).toMatchObject({ code: 'CONSENT_REFUSED' });
    w.linkedin.login.signedIn = 'li-member-none';
    const none = await signIn(w, { platform: 'linkedin' });
    expect(none.connection.failure).toMatchObject({ code: 'NOTHING_GRANTED' });
  });

  it('keeps every LinkedIn token out of sight', async () => {
    await signIn(w, { platform: 'linkedin' });
    const visible = await everythingVisible(w);
    for (const token of [...w.linkedin.issuedTo.keys(), ...w.linkedin.refreshTokens.keys(), APPS.linkedin.clientSecret]) expect(visible).not.toContain(token);
  });
});
