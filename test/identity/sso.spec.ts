import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp } from '../support/test-app';
import { callback, CLIENT_ID, CookieJar, LoopbackProvider, PUBLIC_URL, REDIRECT_URI, startSignIn, throughProvider } from './sso-support';

jest.setTimeout(120_000);

async function auditOf(t: TestApp, action: string): Promise<Record<string, any>[]> {
  const response = await t.http.get(`/api/v1/audit?action=${action}&limit=200`).set(bearer(await t.adminToken()));
  expect(response.status).toBe(200);
  return response.body.items;
}

/** Single sign-on against a real OpenID provider (oidc-provider) on loopback: the whole code flow. */
describe('single sign-on with a real OpenID provider', () => {
  let provider: LoopbackProvider;
  let t: TestApp;
  beforeAll(async () => {
    provider = await LoopbackProvider.start();
    t = await TestApp.start({
      GATEHOUSE_PUBLIC_URL: PUBLIC_URL,
      GATEHOUSE_OIDC_ISSUER: provider.issuer,
      GATEHOUSE_OIDC_CLIENT_ID: CLIENT_ID,
      GATEHOUSE_OIDC_CLIENT_SECRET: 'gatehouse-test-client-secret-0123456789',
      GATEHOUSE_OIDC_NAME: 'Contoso',
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  /** Signs in at the provider as `email` and comes back to Gatehouse. */
  async function signInAs(email: string) {
    await provider.nextLogin(email);
    const { location, jar } = await startSignIn(t);
    const redirect = await throughProvider(location);
    return { redirect, jar, response: await callback(t, redirect, jar) };
  }

  it('tells the sign-in page what it offers', async () => {
    const response = await t.http.get('/api/v1/auth/methods');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ password: true, oidc: { name: 'Contoso' } });
  });

  it('sends the browser to the provider with the code flow, state, nonce and PKCE S256', async () => {
    const { location, jar, response } = await startSignIn(t);
    expect(location.origin).toBe(provider.issuer);
    const params = location.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('scope')).toBe('openid email profile');
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')!.length).toBeGreaterThanOrEqual(22);
    expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(22);
    // The callback must come back to the browser that started it.
    const cookie = ([] as string[]).concat(response.headers['set-cookie']).find((line) => line.startsWith('gh_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(jar.get('gh_oidc')).toBeDefined();
    // A second start has a fresh state and nonce.
    const again = (await startSignIn(t)).location.searchParams;
    expect(again.get('state')).not.toBe(params.get('state'));
    expect(again.get('nonce')).not.toBe(params.get('nonce'));
  });

  it('signs a member of staff in with the web session cookie, found by email whatever its case, and audits it', async () => {
    const member = await t.newStaff(['staff']);
    const { response, jar } = await signInAs(member.email.toUpperCase());
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    const session = ([] as string[]).concat(response.headers['set-cookie']).find((line) => line.startsWith('gh_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const me = await t.http.get('/api/v1/me').set('Cookie', jar.header());
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(member.id);
    // A state change works with the cookie and its CSRF token, as after a password sign-in.
    const logout = await t.http.delete('/web/session').set('Cookie', jar.header()).set('X-CSRF-Token', jar.get('gh_csrf')!);
    expect(logout.status).toBe(204);
    const logins = (await auditOf(t, 'auth.login')).filter((entry) => entry.actorId === member.id);
    expect(logins.map((entry) => entry.details)).toContainEqual({ method: 'oidc' });
    expect(JSON.stringify(logins)).not.toMatch(/eyJ/); // no JWT anywhere
  });

  it('refuses a replayed state, and a callback in a browser that did not start the sign-in', async () => {
    const member = await t.newStaff(['staff']);
    const { redirect, jar, response } = await signInAs(member.email);
    expect(response.headers.location).toBe('/');
    const replayed = await t.http.get(`${redirect.pathname}${redirect.search}`).set('Cookie', `gh_oidc=${jar.get('gh_oidc') ?? 'gone'}`);
    expect(replayed.status).toBe(302);
    expect(replayed.headers.location).toBe('/sign-in?sso=expired');
    expect(([] as string[]).concat(replayed.headers['set-cookie'] ?? []).some((line) => line.startsWith('gh_session='))).toBe(false);

    await provider.nextLogin(member.email);
    const started = await startSignIn(t);
    const elsewhere = await callback(t, await throughProvider(started.location), new CookieJar());
    expect(elsewhere.headers.location).toBe('/sign-in?sso=expired');
    expect(elsewhere.headers['set-cookie']?.toString() ?? '').not.toMatch(/gh_session=[^;]+;/);
    const reasons = (await auditOf(t, 'session.login_failed')).map((entry) => entry.details.reason);
    expect(reasons).toEqual(expect.arrayContaining(['state_replayed', 'browser_mismatch']));
  });

  it('refuses someone Gatehouse does not know: no sign-up by single sign-on', async () => {
    const before = (await t.http.get('/api/v1/staff?status=all&limit=200').set(bearer(await t.adminToken()))).body.items.length;
    const { response, jar } = await signInAs('stranger@elsewhere.example');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/sign-in?sso=unknown');
    expect(jar.get('gh_session')).toBeUndefined();
    expect((await t.http.get('/api/v1/staff?status=all&limit=200').set(bearer(await t.adminToken()))).body.items.length).toBe(before);
    const refusal = (await auditOf(t, 'session.login_failed')).find((entry) => entry.details.reason === 'unknown_person');
    expect(refusal).toMatchObject({ actorId: null, details: { method: 'oidc', reason: 'unknown_person' } });
  });

  it('refuses a leaver and someone whose leaving time has passed; once reinstated they sign in, with nothing restored', async () => {
    const admin = await t.adminToken();
    const leaver = await t.newStaff(['staff']);
    expect((await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'left the service' })).status).toBe(200);
    const refused = await signInAs(leaver.email);
    expect(refused.response.headers.location).toBe('/sign-in?sso=left');
    expect(refused.jar.get('gh_session')).toBeUndefined();

    const leaving = await t.newStaff(['staff']);
    const future = new Date(t.now().getTime() + 60_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${leaving.id}/offboard`).set(bearer(admin)).send({ reason: 'moving away', effectiveAt: future })).status).toBe(202);
    t.travel(2 * 60_000);
    expect((await signInAs(leaving.email)).response.headers.location).toBe('/sign-in?sso=left');
    const reasons = (await auditOf(t, 'session.login_failed')).filter((entry) => [leaver.id, leaving.id].includes(entry.subjectId)).map((entry) => entry.details.reason);
    expect(reasons).toEqual(['not_active', 'not_active']);

    expect((await t.http.post(`/api/v1/staff/${leaver.id}/reinstate`).set(bearer(admin)).send({ reason: 'offboarded by mistake' })).status).toBe(200);
    const back = await signInAs(leaver.email);
    expect(back.response.headers.location).toBe('/');
    const me = await t.http.get('/api/v1/me').set('Cookie', back.jar.header());
    expect(me.body).toMatchObject({ id: leaver.id, status: 'active', leftAt: null });
    const authorisations = await t.http.get(`/api/v1/staff/${leaver.id}/authorisations`).set('Cookie', back.jar.header());
    expect(authorisations.body.items.filter((a: { active: boolean }) => a.active)).toEqual([]);
  });
});

describe('GATEHOUSE_PASSWORD_LOGIN=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_PASSWORD_LOGIN: 'false' });
  });
  afterAll(() => t.close());

  it('refuses passwords to everyone but the bootstrap admin, on the API and the web app', async () => {
    const admin = await t.adminToken();
    const email = 'carer@example.test';
    const password = 'a perfectly good password';
    expect((await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email, password, displayName: 'Carer', roles: ['staff'] })).status).toBe(201);
    for (const path of ['/api/v1/auth/login', '/web/session']) {
      const refused = await t.http.post(path).send({ email: email.toUpperCase(), password });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PASSWORD_LOGIN_DISABLED');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    expect((await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status).toBe(200);
    expect((await t.http.get('/api/v1/auth/methods')).body).toEqual({ password: false, oidc: null });
    // Without a provider there is no single sign-on route.
    expect((await t.http.get('/auth/oidc/login')).status).toBe(404);
  });
});
