import { ChildProcess, spawn } from 'child_process';
import { once } from 'events';
import { join } from 'path';
import { createInterface } from 'readline';
import { TestApp } from '../support/test-app';

export const CLIENT_ID = 'gatehouse-test-client';
export const CLIENT_SECRET = 'gatehouse-test-client-secret-0123456789';
export const PUBLIC_URL = 'http://localhost:3999';
export const REDIRECT_URI = `${PUBLIC_URL}/auth/oidc/callback`;

/** The real OpenID provider, in its own process (oidc-provider is ESM-only). */
export class LoopbackProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(redirectUri = REDIRECT_URI): Promise<LoopbackProvider> {
    const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs'), CLIENT_ID, CLIENT_SECRET, redirectUri], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Its start-up warnings (development adapter, Node version) are expected; anything else is shown.
    createInterface({ input: child.stderr! }).on('line', (text) => {
      if (!text.startsWith('oidc-provider WARNING')) process.stderr.write(`${text}\n`);
    });
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => { throw new Error('the OpenID provider did not start'); })])) as [string];
    lines.close();
    return new LoopbackProvider(child, JSON.parse(line).issuer);
  }

  /** Who signs in at the provider next. */
  async nextLogin(email: string): Promise<void> {
    const response = await fetch(`${this.issuer}/test/next-login?email=${encodeURIComponent(email)}`, { method: 'POST' });
    if (response.status !== 204) throw new Error(`next-login failed: ${response.status}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A browser's cookies for one site, enough for following redirects by hand. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(setCookie: string[] | string | undefined): void {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now());
      if (expired || pair.slice(eq + 1) === '') this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** GET /auth/oidc/login on Gatehouse: where the browser is sent, and the browser's Gatehouse cookies. */
export async function startSignIn(t: TestApp, jar = new CookieJar()) {
  const response = await t.http.get('/auth/oidc/login');
  if (response.status !== 302) throw new Error(`login answered ${response.status} ${response.text}`);
  jar.take(response.headers['set-cookie']);
  return { location: new URL(response.headers.location), jar, response };
}

/** Follows the provider's redirects (login and consent happen on their own) until it sends the browser back to Gatehouse. */
export async function throughProvider(authorizationUrl: URL): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect: ${await response.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) return next;
    url = next;
  }
  throw new Error('too many redirects at the provider');
}

/** The browser arriving back at Gatehouse's callback (only the path and query go to the app under test). */
export async function callback(t: TestApp, redirect: URL, jar: CookieJar) {
  const response = await t.http.get(`${redirect.pathname}${redirect.search}`).set('Cookie', jar.header());
  jar.take(response.headers['set-cookie']);
  return response;
}
