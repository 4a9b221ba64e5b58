import { bearer, TestApp, TestStaff } from '../support/test-app';
import { CraftedProvider, jwt, signingKey } from './crafted-provider';
import { callback, CLIENT_ID, CLIENT_SECRET, PUBLIC_URL, REDIRECT_URI, startSignIn } from './sso-support';

jest.setTimeout(120_000);

/**
 * Every check on the ID token, with tokens crafted by a hand-made provider: only a token signed by
 * a key in the provider's JWKS, for this client, from this issuer, unexpired and with this sign-in's
 * nonce lets anyone in.
 */
describe('single sign-on: the ID token is checked', () => {
  let provider: CraftedProvider;
  let t: TestApp;
  let member: TestStaff;
  beforeAll(async () => {
    provider = await CraftedProvider.start();
    t = await TestApp.start({ GATEHOUSE_PUBLIC_URL: PUBLIC_URL, GATEHOUSE_OIDC_ISSUER: provider.issuer, GATEHOUSE_OIDC_CLIENT_ID: CLIENT_ID, GATEHOUSE_OIDC_CLIENT_SECRET: CLIENT_SECRET });
    member = await t.newStaff(['staff']);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  /** A sign-in whose token endpoint answers with the token `craft` makes from the sign-in's nonce. */
  async function signInWith(craft: (nonce: string) => string) {
    const { location, jar } = await startSignIn(t);
    const nonce = location.searchParams.get('nonce')!;
    provider.idToken = () => craft(nonce);
    const redirect = new URL(`${REDIRECT_URI}?code=${'c'.repeat(20)}&state=${encodeURIComponent(location.searchParams.get('state')!)}`);
    const response = await callback(t, redirect, jar);
    return { response, jar };
  }

  async function lastRefusal(): Promise<string> {
    const response = await t.http.get('/api/v1/audit?action=session.login_failed&limit=1').set(bearer(await t.adminToken()));
    return response.body.items[0].details.reason;
  }

  async function expectRefused(craft: (nonce: string) => string, reason: RegExp) {
    const { response, jar } = await signInWith(craft);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/sign-in?sso=invalid');
    expect(jar.get('gh_session')).toBeUndefined();
    expect(await lastRefusal()).toMatch(reason);
  }

  const withEmail = (extra: Record<string, unknown> = {}) => ({ email: member.email, ...extra });

  it('signs in with a good RS256 token, sending the PKCE verifier and the client secret', async () => {
    const { response, jar } = await signInWith((nonce) => jwt(provider.claims(nonce, withEmail()), provider.keys.rsa));
    expect(response.headers.location).toBe('/');
    expect((await t.http.get('/api/v1/me').set('Cookie', jar.header())).body.id).toBe(member.id);
    const form = provider.tokenRequests[provider.tokenRequests.length - 1];
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('signs in with a good ES256 token, and by preferred_username when there is no email claim', async () => {
    expect((await signInWith((nonce) => jwt(provider.claims(nonce, withEmail()), provider.keys.ec))).response.headers.location).toBe('/');
    const byUsername = await signInWith((nonce) => jwt(provider.claims(nonce, { preferred_username: member.email.toUpperCase() }), provider.keys.rsa));
    expect(byUsername.response.headers.location).toBe('/');
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail({ iat: past - 300, exp: past })), provider.keys.rsa), /token_invalid.*exp/i);
  });

  it('refuses a token for another audience', async () => {
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail({ aud: 'some-other-app' })), provider.keys.rsa), /token_invalid.*aud/i);
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail({ iss: 'https://login.example/evil' })), provider.keys.rsa), /token_invalid.*iss/i);
  });

  it('refuses a token with another sign-in’s nonce, or none', async () => {
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail({ nonce: `${nonce}x` })), provider.keys.rsa), /token_invalid.*nonce/i);
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail({ nonce: undefined })), provider.keys.rsa), /token_invalid.*nonce/i);
  });

  it('refuses a bad signature: a key the provider does not hold, under the provider key’s id, and a tampered payload', async () => {
    const impostor = signingKey('rsa-1', 'RS256');
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail()), impostor), /token_invalid.*signature/i);
    await expectRefused((nonce) => {
      const [header, , signature] = jwt(provider.claims(nonce, { email: 'someone@else.example' }), provider.keys.rsa).split('.');
      return [header, Buffer.from(JSON.stringify(provider.claims(nonce, withEmail()))).toString('base64url'), signature].join('.');
    }, /token_invalid.*signature/i);
  });

  it('refuses a token signed by an unknown key', async () => {
    const unknown = signingKey('rsa-unknown', 'RS256');
    await expectRefused((nonce) => jwt(provider.claims(nonce, withEmail()), unknown), /token_invalid/i);
  });

  it('refuses an unsigned token', async () => {
    await expectRefused((nonce) => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return `${header}.${Buffer.from(JSON.stringify(provider.claims(nonce, withEmail()))).toString('base64url')}.`;
    }, /token_invalid/i);
  });
});
