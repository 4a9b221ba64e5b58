import { createServer } from 'net';
import { AddressInfo } from 'net';
import { TestApp } from '../support/test-app';
import { CLIENT_ID, CLIENT_SECRET, LoopbackProvider } from '../identity/sso-support';
import { Browser, openBrowser } from './support';

/** A port free right now, so Gatehouse's public URL (and so its redirect URI) is known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Single sign-on in a real browser: the provider on 127.0.0.1 and Gatehouse on localhost are
 * different sites, so the cookies' SameSite rules are those a real tenant meets.
 */
describe('single sign-on in the browser (headless Chromium)', () => {
  let provider: LoopbackProvider;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    provider = await LoopbackProvider.start(`${baseUrl}/auth/oidc/callback`);
    t = await TestApp.start({ GATEHOUSE_PUBLIC_URL: baseUrl, GATEHOUSE_OIDC_ISSUER: provider.issuer, GATEHOUSE_OIDC_CLIENT_ID: CLIENT_ID, GATEHOUSE_OIDC_CLIENT_SECRET: CLIENT_SECRET, GATEHOUSE_OIDC_NAME: 'Contoso' });
    await t.app.listen(port, '127.0.0.1');
    browser = await openBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  it('offers "Sign in with Contoso", signs a member of staff in, and shows why someone unknown is refused', async () => {
    const member = await t.newStaff(['staff'], { displayName: 'Nia Jones' });
    const { page } = browser;
    await provider.nextLogin(member.email);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with Contoso' }).click();
    await page.getByRole('button', { name: 'Sign out Nia Jones' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    await page.getByRole('button', { name: 'Sign out Nia Jones' }).click();
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();
    expect(browser.problems).toEqual([]);

    // Another person's browser (the provider remembers who signed in on the first).
    const stranger = await openBrowser(baseUrl);
    try {
      await provider.nextLogin('stranger@elsewhere.example');
      await stranger.page.goto('/sign-in');
      await stranger.page.getByRole('link', { name: 'Sign in with Contoso' }).click();
      await stranger.page.getByText('There is no Gatehouse account for that email address').waitFor();
      expect(new URL(stranger.page.url()).pathname).toBe('/sign-in');
      expect(stranger.problems).toEqual([]);
    } finally {
      await stranger.close();
    }
  });
});
