import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer } from '../support/test-app';
import { useApp } from '../support/world';

/** The web app's cookie sessions: sign-in, CSRF double submit, sign-out, and bearer clients untouched. */
describe('web sessions (cookies + CSRF)', () => {
  const t = useApp();

  async function signIn(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
    const response = await t.http.post('/web/session').send({ email, password });
    expect(response.status).toBe(200);
    const setCookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const value = (name: string) => {
      const line = setCookies.find((c) => c.startsWith(`${name}=`));
      if (!line) throw new Error(`no ${name} cookie`);
      return { line, value: decodeURIComponent(line.split(';')[0].slice(name.length + 1)) };
    };
    const session = value('gh_session');
    const csrf = value('gh_csrf');
    return { response, session, csrf, cookie: `gh_session=${session.value}; gh_csrf=${csrf.value}` };
  }

  it('signs in with an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, never a token in the body', async () => {
    const { response, session, csrf } = await signIn();
    expect(response.body.staff.email).toBe(ADMIN_EMAIL);
    expect(response.body).not.toHaveProperty('token');
    expect(session.line).toMatch(/HttpOnly/);
    expect(session.line).toMatch(/SameSite=Strict/);
    expect(session.line).toMatch(/Path=\//);
    expect(session.line).not.toMatch(/Secure/); // GATEHOUSE_PUBLIC_URL is http in tests
    expect(csrf.line).not.toMatch(/HttpOnly/);
    expect(csrf.line).toMatch(/SameSite=Strict/);
    expect(csrf.value.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a wrong password with the same error as the API', async () => {
    const response = await t.http.post('/web/session').send({ email: ADMIN_EMAIL, password: 'not the password at all' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('reads with the cookie alone, and refuses a state change without the CSRF header', async () => {
    const { cookie, csrf } = await signIn();
    const me = await t.http.get('/api/v1/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);

    const policy = { version: `v-${Date.now()}`, title: 'Social media policy', text: 'Be kind.' };
    const noHeader = await t.http.post('/api/v1/policies').set('Cookie', cookie).send(policy);
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('FORBIDDEN');
    expect(noHeader.body.message).toMatch(/security token/i);

    const wrongHeader = await t.http.post('/api/v1/policies').set('Cookie', cookie).set('X-CSRF-Token', `${csrf.value.slice(0, -1)}x`).send(policy);
    expect(wrongHeader.status).toBe(403);

    // Nothing was created by the refused requests.
    const none = await t.http.get('/api/v1/policies/current').set('Cookie', cookie);
    expect(none.status).toBe(404);

    const withHeader = await t.http.post('/api/v1/policies').set('Cookie', cookie).set('X-CSRF-Token', csrf.value).send(policy);
    expect(withHeader.status).toBe(201);
  });

  it('signs out: the session is revoked and the cookies are cleared', async () => {
    const { cookie, csrf } = await signIn();
    const withoutCsrf = await t.http.delete('/web/session').set('Cookie', cookie);
    expect(withoutCsrf.status).toBe(403);

    const out = await t.http.delete('/web/session').set('Cookie', cookie).set('X-CSRF-Token', csrf.value);
    expect(out.status).toBe(204);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] ?? []);
    expect(cleared.some((c) => c.startsWith('gh_session=;') && /Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);

    const after = await t.http.get('/api/v1/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('leaves bearer-token API clients as they were: no CSRF needed, and a cookie does not override the header', async () => {
    const token = await t.adminToken();
    const created = await t.http
      .post('/api/v1/staff')
      .set(bearer(token))
      .send({ email: `web-${Date.now()}@example.test`, displayName: 'Bearer Client', roles: ['staff'], password: 'a long enough password' });
    expect(created.status).toBe(201);

    const staff = await t.newStaff(['staff']);
    const { cookie } = await signIn();
    // The Authorization header wins: this is the staff member, not the admin whose cookie rides along.
    const me = await t.http.get('/api/v1/me').set(bearer(staff.token)).set('Cookie', cookie);
    expect(me.body.id).toBe(staff.id);
    const logout = await t.http.post('/api/v1/auth/logout').set(bearer(staff.token));
    expect(logout.status).toBe(204);
    expect((await t.http.get('/api/v1/me').set(bearer(staff.token))).status).toBe(401);
  });

  it('serves the app at / with a strict CSP, client routes fall back to index.html, API 404s stay JSON', async () => {
    const root = await t.http.get('/');
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(root.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(root.text).toMatch(/<script type="module" src="\/js\/app.js">/);

    const deep = await t.http.get('/drafts/new');
    expect(deep.status).toBe(200);
    expect(deep.text).toBe(root.text);

    const script = await t.http.get('/js/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);

    const missingAsset = await t.http.get('/js/does-not-exist.js');
    expect(missingAsset.status).toBe(404);

    const api404 = await t.http.get('/api/v1/no-such-thing').set(bearer(await t.adminToken()));
    expect(api404.status).toBe(404);
    expect(api404.body.code).toBe('NOT_FOUND');
  });
});
