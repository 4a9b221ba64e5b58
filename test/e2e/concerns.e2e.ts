import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { bearer, TestStaff } from '../support/test-app';
import { ONE_PIXEL_PNG, screenshot, signIn, unlabelledControls, useWebApp } from './support';
import { stage, upload } from '../drafts/support';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it stands (rule ids). */
async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(`(async () => { ${AXE}; const r = await axe.run(document, { resultTypes: ['violations'] }); return r.violations.map((v) => v.id); })()`);
}

/** Heading levels in document order never skip a level. */
async function headingJumps(page: Page): Promise<string[]> {
  return page.evaluate(`(() => { const levels = [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((el) => Number(el.tagName[1]));
    return levels.flatMap((level, i) => (i > 0 && level > levels[i - 1] + 1 ? [levels[i - 1] + '->' + level] : [])); })()`);
}

describe('concerns in the web app (headless Chromium)', () => {
  const { t, open } = useWebApp(async () => ({}));
  let reporter: TestStaff;
  let dpo: TestStaff;

  beforeAll(async () => {
    reporter = await t.newStaff(['staff']);
    dpo = await t.newStaff(['dpo']);
  });

  it('a member of staff reports a data mistake from the menu; the DPO sees it with the ICO clock in plain words', async () => {
    const staffBrowser = await open();
    const { page } = staffBrowser;
    await signIn(page, reporter.email, reporter.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Report a concern' }).click();
    await page.getByRole('heading', { name: 'Report a concern' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await headingJumps(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('What is it about?').selectOption('mistake');
    await page.getByLabel('What happened').fill('I sent the staff rota with phone numbers to the wrong group.');
    await page.getByLabel(/personal data that may have been shared/).check();
    await page.getByRole('button', { name: 'Send to the Registered Manager' }).click();
    await page.getByRole('heading', { name: 'Concern: A mistake I made' }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/ICO deadline in 7[01] hours/);
    expect(await page.locator('main').innerText()).toContain('The investigation record is kept by the people investigating it.');

    const dpoBrowser = await open();
    await signIn(dpoBrowser.page, dpo.email, dpo.password);
    await dpoBrowser.page.getByRole('navigation').getByRole('link', { name: 'Concerns', exact: true }).click();
    const entry = dpoBrowser.page.getByRole('link', { name: /A mistake I made, reported/ });
    await entry.waitFor();
    expect(await dpoBrowser.page.locator('main').innerText()).toMatch(/ICO deadline in 7[01] hours/);
    expect(await axeViolations(dpoBrowser.page)).toEqual([]);
    await entry.click();
    await dpoBrowser.page.getByRole('heading', { name: 'Breach decision' }).waitFor();
    expect(await headingJumps(dpoBrowser.page)).toEqual([]);
    expect(await unlabelledControls(dpoBrowser.page)).toEqual([]);
    expect(await axeViolations(dpoBrowser.page)).toEqual([]);
    await screenshot(dpoBrowser.page, 'dpo-concern');
    await dpoBrowser.page.getByLabel('Is it reportable to the ICO?').selectOption('not_reportable');
    await dpoBrowser.page.getByLabel('Why').fill('Work numbers only, already shared with the team.');
    await dpoBrowser.page.getByRole('button', { name: 'Record the decision' }).click();
    await dpoBrowser.page.getByText('Decided: not reportable to the ICO').waitFor();

    const list = await t.http.get('/api/v1/concerns').set(bearer(dpo.token));
    expect(list.body.items[0].breach.decision).toBe('not_reportable');
  });

  it('a colleague shown in a post asks for it to be removed from the post\'s page; their consent becomes refused', async () => {
    const s = await stage(t);
    const colleague = await t.newStaff(['staff']);
    const media = (await upload(t, s.author.token, ONE_PIXEL_PNG, 'team.png')).body;
    const created = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({
      accountId: s.account.id,
      text: 'The team at the fair',
      media: [{ mediaId: media.id, altText: 'The team', depicts: { staffIds: [colleague.id], serviceUsers: false, public: false }, rights: 'own' }],
    });
    expect(created.status).toBe(201);
    const browser = await open();
    const { page } = browser;
    await signIn(page, colleague.email, colleague.password);
    await page.goto(`/drafts/${created.body.id}`);
    await page.getByRole('heading', { name: 'Ask for this to be removed' }).waitFor();
    expect(await page.getByRole('link', { name: 'Report a concern about this post' }).count()).toBe(1);
    expect(await headingJumps(page)).toEqual([]);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^Why/).fill('Please do not use my photo.');
    await page.getByRole('button', { name: 'Ask for this to be removed' }).click();
    await page.locator('#announcer', { hasText: 'Your consent is now refused' }).waitFor({ state: 'attached' });
    const mine = (await t.http.get('/api/v1/consent-requests').set(bearer(colleague.token))).body.items;
    expect(mine.find((r: any) => r.draftId === created.body.id).status).toBe('refused');
  });
});
