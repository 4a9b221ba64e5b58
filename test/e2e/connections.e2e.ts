import { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer } from '../support/test-app';
import { startWorld, World } from '../connections/support';
import { Browser, openBrowser, screenshot, signIn, unlabelledControls } from './support';
import { accessibilityProblems, DESKTOP, PHONE } from './web-support';

const mainText = (page: Page) => page.locator('main').innerText();

/** axe at desktop and phone widths: nothing serious or critical, no heading jump, no empty table header. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  for (const [width, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    expect({ page: name, width, problems: await accessibilityProblems(page) }).toEqual({ page: name, width, problems: [] });
  }
  await page.setViewportSize(DESKTOP);
}

describe('web app: connecting accounts by signing in to the platform (headless Chromium)', () => {
  let w: World;
  let browser: Browser;
  let managerName: string;

  beforeAll(async () => {
    // LinkedIn left unconfigured, to see the page that tells an admin what to set.
    w = await startWorld({ GATEHOUSE_LINKEDIN_CLIENT_ID: '', GATEHOUSE_LINKEDIN_CLIENT_SECRET: '' });
    w.graph.addUser('fb-admin', [
      { id: '303000000000001', name: 'Birch Court', tasks: ['CREATE_CONTENT', 'MANAGE'], ticked: true },
      { id: '303000000000002', name: 'Holly Barn', tasks: ['CREATE_CONTENT'], ticked: false },
    ]);
    w.graph.addUser('fb-nobody', [{ id: '303000000000003', name: 'Analytics only', tasks: ['ANALYZE'], ticked: true }]);
    w.graph.login.signedIn = 'fb-admin';
    managerName = 'Maria Manager';
    await w.t.newStaff(['manager'], { displayName: managerName });
    browser = await openBrowser(w.t.config.publicUrl);
    await signIn(browser.page, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterEach(() => expect(browser.problems).toEqual([]));
  afterAll(async () => {
    await browser.close();
    await w.stop();
  });

  const connectFrom = async (page: Page, platform: string) => {
    await page.goto('/accounts');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Connect', exact: true }) });
    await form.getByLabel('Platform to connect').selectOption(platform);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
  };

  it('connects a Facebook Page: Connect, the platform’s consent, back to the picker, and the account is created without a token in sight', async () => {
    const { page } = browser;
    await connectFrom(page, 'facebook');
    await page.waitForURL(/\/connections\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Choose what to connect from Facebook' }).waitFor();
    expect(await mainText(page)).not.toContain('Holly Barn');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'connection-picker');
    await expectAccessible(page, 'connection-picker');
    await page.getByLabel(/^Birch Court — Facebook Page/).check();
    await page.getByLabel('Owner (a manager)').selectOption({ label: managerName });
    await page.getByRole('button', { name: 'Connect this account' }).click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Birch Court' }).waitFor();
    const html = await page.content();
    for (const token of w.graph.pageTokens.keys()) expect(html).not.toContain(token);

    const accountId = page.url().split('/').pop()!;
    const account = await w.t.http.get(`/api/v1/accounts/${accountId}`).set(bearer(await w.t.adminToken()));
    expect(account.body).toMatchObject({ externalId: '303000000000001', hasCredentials: true, connectedById: await w.t.adminId() });

    // Reconnect from the account page comes back to a page that offers this very account.
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await page.getByRole('heading', { name: 'Reconnect Birch Court' }).waitFor();
    await expectAccessible(page, 'connection-reconnect');
    await page.getByRole('button', { name: 'Use this sign-in for Birch Court' }).click();
    await page.waitForURL(new RegExp(`/accounts/${accountId}$`));
    await page.getByRole('button', { name: 'Check with the platform' }).click();
    await page.getByText(/The token works and does not expire/).waitFor();
  });

  it('says so clearly when consent was refused, or nothing was granted', async () => {
    const { page } = browser;
    w.graph.login.refuseNextConsent({ error: 'access_denied', error_reason: 'user_denied', error_description: 'Permissions error' });
    await connectFrom(page, 'facebook');
    await page.getByRole('heading', { name: 'Permission was not given' }).waitFor();
    await screenshot(page, 'connection-consent-refused');
    await expectAccessible(page, 'connection-consent-refused');

    w.graph.login.signedIn = 'fb-nobody';
    await page.getByRole('button', { name: 'Try Facebook again' }).click();
    await page.getByRole('heading', { name: 'Nothing was granted' }).waitFor();
    expect(await mainText(page)).toContain('tick the Page');
    await expectAccessible(page, 'connection-nothing-granted');
    w.graph.login.signedIn = 'fb-admin';
  });

  it('tells an admin which variables to set when a platform has no app', async () => {
    const { page } = browser;
    await connectFrom(page, 'linkedin');
    await page.getByRole('heading', { name: 'LinkedIn cannot be connected yet' }).waitFor();
    const text = await mainText(page);
    expect(text).toContain('GATEHOUSE_LINKEDIN_CLIENT_ID');
    expect(text).toContain('GATEHOUSE_LINKEDIN_CLIENT_SECRET');
    expect(text).toContain(`${w.t.config.publicUrl}/oauth/callback`);
    await screenshot(page, 'connection-not-configured');
    await expectAccessible(page, 'connection-not-configured');
  });
});
