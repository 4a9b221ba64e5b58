import { Page } from 'playwright-core';
import { cast, Cast } from '../governance/fixtures';
import { bearer, TestApp } from '../support/test-app';
import { Browser, openBrowser, screenshot, signIn, startServer, unlabelledControls } from './support';

const mainText = (page: Page) => page.locator('main').innerText();

describe('web app: the content rules page (headless Chromium)', () => {
  let t: TestApp;
  let c: Cast;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, baseUrl } = await startServer({ GATEHOUSE_ORG_DOMAINS: 'riverside.example' }));
    c = await cast(t);
    // A real installation starts without the shipped sample names.
    const removed = await t.http.post('/api/v1/content-rules/protected-names/remove').set(bearer(c.manager.token)).send({ names: ['Ada Sample', 'Bertram Example'] });
    if (removed.body.count !== 0) throw new Error(`sample names still there: ${JSON.stringify(removed.body)}`);
    browser = await openBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('tells a manager plainly that no protected names are set, then takes names without showing them again', async () => {
    const { page } = browser;
    await signIn(page, c.manager.email, c.manager.password);
    await page.getByRole('link', { name: 'Content rules' }).click();
    await page.getByRole('heading', { name: 'Content rules' }).waitFor();
    expect(await mainText(page)).toContain('No protected names are set');
    expect(await mainText(page)).toContain('“Mr Jones” would pass');
    expect(await mainText(page)).not.toContain('null');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'content-rules-empty');

    await page.getByLabel('Add names').fill('Margaret Jones\nArthur Pendleton');
    await page.getByRole('button', { name: 'Add these names' }).click();
    await page.getByText('2 names are protected', { exact: false }).first().waitFor();
    expect(await mainText(page)).not.toContain('No protected names are set');
    // Stored scrambled and gone from the screen.
    expect(await page.getByLabel('Add names').inputValue()).toBe('');
    expect(await page.content()).not.toContain('Pendleton');
    const rules = await t.http.get('/api/v1/content-rules').set(bearer(c.manager.token));
    expect(rules.body.protectedNames.count).toBe(2);
  });

  it('edits the prohibited words and the organisation’s websites; an admin sees them but cannot change them', async () => {
    const { page } = browser;
    await page.goto('/content-rules');
    const version = (await t.http.get('/api/v1/content-rules').set(bearer(c.manager.token))).body.version;
    await page.getByText(`Rules version ${version},`).waitFor();
    const terms = page.getByLabel('Words and phrases, one per line');
    await terms.fill(`${await terms.inputValue()}\npressure sore`);
    await page.getByRole('button', { name: 'Save this list' }).first().click();
    await page.getByText(`Rules version ${version + 1},`).waitFor();
    expect(await page.getByLabel('Words and phrases, one per line').inputValue()).toContain('pressure sore');
    const sites = page.getByLabel('Website addresses, one per line (without https://)');
    await sites.fill('riverside.example\nnot a domain');
    await page.getByRole('button', { name: 'Save this list' }).nth(1).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('domain');
    const rules = await t.http.get('/api/v1/content-rules').set(bearer(c.manager.token));
    expect(rules.body.prohibitedTerms).toContain('pressure sore');
    expect(rules.body.orgDomains).toEqual(['riverside.example']);

    await page.getByRole('button', { name: /^Sign out/ }).click();
    await page.getByLabel('Email address').waitFor();
    const admin = await t.newStaff(['admin']);
    await signIn(page, admin.email, admin.password);
    await page.goto('/content-rules');
    await page.getByRole('heading', { name: 'Content rules' }).waitFor();
    expect(await mainText(page)).toContain('Only a manager can change these rules.');
    expect(await page.getByRole('button', { name: 'Save this list' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add these names' }).count()).toBe(0);
  });
});
