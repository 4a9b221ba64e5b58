import { Page } from 'playwright-core';
import { stage, authorise, createDraft } from '../drafts/support';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer } from '../support/test-app';
import { screenshot, signIn, unlabelledControls, useWebApp } from './support';

const SCRIPT_BUDGET = 200 * 1024;
const UUID = '[0-9a-f-]{36}';

/** What a person sees in the main area, as text. */
const mainText = (page: Page) => page.locator('main').innerText();

describe('web app journeys (headless Chromium)', () => {
  // No page may throw, nor have anything refused by the Content-Security-Policy.
  const { t, s, open } = useWebApp(stage);

  it('a staff member acknowledges the new policy, writes a post with live checks, and submits it', async () => {
    // A new policy version takes effect: the author must acknowledge it again before drafting.
    const policy = await t.http.post('/api/v1/policies').set(bearer(s.manager.token)).send({ version: '2026.2', title: 'Social media policy', text: 'Never name the people we support.' });
    expect(policy.status).toBe(201);

    const browser = await open();
    const { page } = browser;
    await signIn(page, s.author.email, s.author.password);
    await page.getByText('You have not yet acknowledged the current social media policy').waitFor();
    await page.getByRole('link', { name: 'Read and acknowledge the policy' }).click();
    await page.getByRole('button', { name: 'I have read and will follow this policy' }).click();
    await page.getByText(/You acknowledged this version/).waitFor();
    await screenshot(page, 'staff-policy');

    await page.getByRole('navigation').getByRole('link', { name: 'Write a post' }).click();
    const text = page.getByLabel('Text', { exact: true });
    await text.fill('Ring 943 476 5919 to book a visit.');
    // Live feedback: the NHS number is marked in the text, and the limit counts down.
    await page.locator('.highlighted mark.block').waitFor();
    expect(await page.locator('.highlighted mark.block').innerText()).toBe('943 476 5919');
    await page.getByText(/must be fixed before you can submit/).waitFor();
    expect(await page.locator('.counters').innerText()).toMatch(/63172 characters left \(of 63206\)/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'staff-draft-editor-findings');

    // Submitting anyway: the draft is saved, the refusal is shown in plain English.
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    const alert = page.locator('.error-summary[role=alert]').first();
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/That did not work/);
    await page.waitForURL(new RegExp(`/drafts/${UUID}/edit$`));

    await text.fill('Our garden party raised £400 for the minibus. Thank you all!');
    await page.getByText('No problems found.').waitFor();
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.waitForURL(new RegExp(`/drafts/${UUID}$`));
    await page.locator('.status-line').getByText('submitted').waitFor();
    await screenshot(page, 'staff-draft-submitted');

    // One draft, not two: the retry edited the saved draft.
    const mine = await t.http.get('/api/v1/drafts?mine=true').set(bearer(s.author.token));
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].status).toBe('submitted');
    expect(mine.body.items[0].revision.text).toBe('Our garden party raised £400 for the minibus. Thank you all!');

    await page.getByRole('navigation').getByRole('link', { name: 'Posts' }).click();
    await page.getByRole('heading', { name: 'Your posts' }).waitFor();
    expect(await mainText(page)).toMatch(/Our garden party raised/);
    await screenshot(page, 'staff-posts');

    // Readable on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/drafts', '/policy', '/drafts/new']) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    }
    await screenshot(page, 'staff-phone-editor');
    expect(browser.scriptBytes()).toBeLessThan(SCRIPT_BUDGET);
  });

  it('a manager approves from the queue and the sandbox shows the post', async () => {
    const browser = await open();
    const { page } = browser;
    await signIn(page, s.reviewer.email, s.reviewer.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).click();
    const card = page.locator('.card', { hasText: 'Our garden party raised' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/waiting \d+ min/);
    expect(await card.innerText()).toMatch(/Consent: nothing outstanding/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'manager-approval-queue');

    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Nothing is waiting for approval.').waitFor();

    // The publishing worker takes it from the outbox; the sandbox then shows it.
    const deadline = Date.now() + 30000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      await page.goto(`/sandbox?accountId=${s.account.id}`);
      await page.getByRole('heading', { name: 'Sandbox' }).waitFor();
      shown = (await mainText(page)).includes('Our garden party raised £400');
      if (!shown) await page.waitForTimeout(500);
    }
    expect(shown).toBe(true);
    await screenshot(page, 'manager-sandbox');

    await page.goto('/problems');
    await page.getByRole('heading', { name: 'Posts that need attention' }).waitFor();
    await screenshot(page, 'manager-needs-attention');
    await page.goto('/compliance');
    await page.getByRole('heading', { name: 'Compliance' }).waitFor();
    expect(await mainText(page)).toMatch(/leavers who still have access/);
    await screenshot(page, 'manager-compliance');
    expect(browser.scriptBytes()).toBeLessThan(SCRIPT_BUDGET);
  });

  it('an admin previews and confirms an offboarding, and the leaver is thrown out on their next click', async () => {
    const leaver = await t.newStaff(['staff'], { displayName: 'Lee Leaver' });
    await authorise(t, s, s.account.id, leaver);
    await createDraft(t, leaver.token, { accountId: s.account.id, text: 'Half-written news.' });

    const leaverBrowser = await open();
    await signIn(leaverBrowser.page, leaver.email, leaver.password);
    await leaverBrowser.page.getByRole('heading', { name: /Hello, Lee Leaver/ }).waitFor();

    const adminBrowser = await open();
    const { page } = adminBrowser;
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('link', { name: 'Lee Leaver' }).click();
    await page.getByRole('heading', { name: 'Offboard' }).waitFor();
    await page.getByLabel('Reason').fill('Left the organisation');
    await page.getByRole('button', { name: 'Preview offboarding' }).click();
    const preview = page.locator('.offboarding-preview');
    await preview.waitFor();
    const previewText = await preview.innerText();
    // The leaver's browser session counts among the sessions to sign out.
    expect(previewText).toMatch(/sign out [1-9]\d* open session/);
    expect(previewText).toMatch(/revoke 1 authorisation/);
    expect(previewText).toMatch(/hand 1 draft/);
    await screenshot(page, 'admin-offboarding-preview');

    // The preview changed nothing.
    const before = await t.http.get(`/api/v1/staff/${leaver.id}`).set(bearer(await t.adminToken()));
    expect(before.body.status).toBe('active');

    await preview.getByRole('button', { name: /Confirm: end Lee Leaver's access now/ }).click();
    const report = page.locator('.offboarding-report');
    await report.waitFor();
    expect(await report.innerText()).toMatch(/1 authorisation\(s\) revoked/);
    await screenshot(page, 'admin-offboarding-report');

    // The leaver's open page: the next click is refused and lands on the sign-in page.
    await leaverBrowser.page.getByRole('navigation').getByRole('link', { name: 'Posts' }).click();
    await leaverBrowser.page.waitForURL(/\/sign-in\?/);
    await leaverBrowser.page.getByText(/You have been signed out/).waitFor();
    await screenshot(leaverBrowser.page, 'leaver-thrown-out');
  });

  it('admin and DPO pages render, label their fields, and show refusals next to the field', async () => {
    const adminBrowser = await open();
    const { page } = adminBrowser;
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);

    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Add a staff member' }).waitFor();
    await page.getByLabel('Full name').fill('Sam Short');
    await page.getByLabel('Email address').fill('sam.short@example.test');
    await page.getByLabel('First password').fill('short');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const passwordError = page.locator('.field-error:not([hidden])');
    await passwordError.first().waitFor();
    expect(await passwordError.first().innerText()).toMatch(/12 characters/);
    expect(await page.getByLabel('First password').getAttribute('aria-invalid')).toBe('true');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-staff');

    await page.goto('/accounts');
    await page.getByRole('heading', { name: 'Add an account' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-accounts');
    await page.goto(`/accounts/${s.account.id}`);
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    // Credentials are write-only: the fields are password inputs and start empty.
    expect(await page.getByLabel('Access token', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Access token', { exact: true }).getAttribute('type')).toBe('password');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'admin-account');
    expect(adminBrowser.scriptBytes()).toBeLessThan(SCRIPT_BUDGET);

    const dpoBrowser = await open();
    await signIn(dpoBrowser.page, s.dpo.email, s.dpo.password);
    await dpoBrowser.page.getByRole('navigation').getByRole('link', { name: 'DPIAs' }).click();
    await dpoBrowser.page.getByRole('heading', { name: 'DPIAs and review dates' }).waitFor();
    await screenshot(dpoBrowser.page, 'dpo-dpias');
    await dpoBrowser.page.getByRole('link', { name: `Open DPIA for ${s.account.name}` }).first().click();
    await dpoBrowser.page.getByRole('heading', { name: /^DPIA:/ }).waitFor();
    expect(await mainText(dpoBrowser.page)).toMatch(/is in force until its review/);
    expect(await unlabelledControls(dpoBrowser.page)).toEqual([]);
    await screenshot(dpoBrowser.page, 'dpo-dpia');
  });
});
