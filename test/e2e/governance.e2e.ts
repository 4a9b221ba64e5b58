import { Page } from 'playwright-core';
import { rmSync } from 'fs';
import { join } from 'path';
import { approve, authorise, createDraft, stage, submitted, upload, videoBytes } from '../drafts/support';
import { completeDpia } from '../governance/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer } from '../support/test-app';
import { ONE_PIXEL_PNG, rendered, screenshot, signIn, unlabelledControls, useWebApp } from './support';

const mainText = (page: Page) => page.locator('main').innerText();
const HOUR = 3600_000;

describe('web app: consent, changes, held posts, authorisations, accounts and DPIAs (headless Chromium)', () => {
  const { t, s, open } = useWebApp(stage);

  it('a photo of a colleague needs their consent: declared in the editor, answered on the consent page, seen in the queue', async () => {
    const colleague = await t.newStaff(['staff'], { displayName: 'Cara Colleague' });
    await authorise(t, s, s.account.id, colleague);
    const { page } = await open();
    await signIn(page, s.author.email, s.author.password);
    await page.goto('/drafts/new');
    await page.getByLabel('Text', { exact: true }).fill('Cara planted the new herb garden today.');
    await page.getByLabel('Attach a photo or video').setInputFiles({ name: 'garden.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    const item = page.locator('fieldset.media-item');
    await item.waitFor();
    // No rights declared yet: the check says so before anything is saved.
    await page.getByText(/must be fixed before you can submit/).waitFor();
    await item.getByLabel('Alt text').fill('Cara kneeling by a raised bed of herbs');
    await item.getByLabel('Colleagues shown').selectOption({ label: 'Cara Colleague' });
    await item.getByLabel('Rights', { exact: true }).selectOption('own');
    await page.getByText('No problems found.').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'staff-draft-editor-media');
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.waitForURL(/\/drafts\/[0-9a-f-]{36}$/);
    await page.getByText('1 waiting').waitFor();

    const colleagueBrowser = await open();
    await signIn(colleagueBrowser.page, colleague.email, colleague.password);
    await colleagueBrowser.page.getByRole('navigation').getByRole('link', { name: 'Consent' }).click();
    const card = colleagueBrowser.page.locator('.card', { hasText: 'Photo or video of you' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/Cara planted the new herb garden/);
    // They see the photo itself before they answer.
    expect(await rendered(card.getByRole('img', { name: 'Cara kneeling by a raised bed of herbs' }))).toBe(true);
    await screenshot(colleagueBrowser.page, 'staff-consent-request');
    await card.getByRole('button', { name: 'I agree' }).click();
    await colleagueBrowser.page.locator('.card .badge', { hasText: 'granted' }).waitFor();

    const manager = await open();
    await signIn(manager.page, s.reviewer.email, s.reviewer.password);
    await manager.page.goto('/approvals');
    const queued = manager.page.locator('.card', { hasText: 'Cara planted' });
    await queued.waitFor();
    expect(await queued.innerText()).toMatch(/Consent: nothing outstanding/);
    expect(await queued.innerText()).toMatch(/Cara kneeling by a raised bed of herbs · shows 1 colleague/);
    // The manager approves what they can see: the photo is shown, not just described.
    expect(await rendered(queued.getByRole('img', { name: 'Cara kneeling by a raised bed of herbs' }))).toBe(true);
  });

  it('the queue plays a video attachment and says plainly when a photo is missing from the media store', async () => {
    const video = (await upload(t, s.author.token, videoBytes(), 'walk.mp4')).body.id;
    const photo = (await upload(t, s.author.token, ONE_PIXEL_PNG, 'lost.png')).body.id;
    const item = (mediaId: string, altText: string) => ({ mediaId, altText, depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' });
    await submitted(t, s, { text: 'Our sponsored walk along the canal.', media: [item(video, 'The walkers setting off'), item(photo, 'The finish line')] });
    rmSync(join(t.config.mediaDir, photo));

    const manager = await open();
    await signIn(manager.page, s.reviewer.email, s.reviewer.password);
    await manager.page.goto('/approvals');
    const queued = manager.page.locator('.card', { hasText: 'sponsored walk' });
    await queued.waitFor();
    await queued.locator('video[aria-label="The walkers setting off"]').waitFor();
    await queued.getByText('This attachment is missing from the media store').waitFor();
    expect(await queued.locator('video').count()).toBe(1);
    expect(await queued.getByRole('img').count()).toBe(0);
  });

  it('a manager requests changes with a comment; the author sees it, edits and resubmits', async () => {
    const draft = await submitted(t, s, { text: 'Come to our open day on Saturday.' });
    const manager = await open();
    await signIn(manager.page, s.reviewer.email, s.reviewer.password);
    await manager.page.goto('/approvals');
    const card = manager.page.locator('.card', { hasText: 'Come to our open day' });
    // Each decision's form is folded under its button (issue 17: one action at a time).
    await card.getByRole('button', { name: 'Ask for changes…' }).click();
    await card.getByLabel('What needs to change').fill('Please add the start time.');
    await card.getByRole('button', { name: 'Request changes' }).click();
    await card.waitFor({ state: 'detached' });

    const author = await open();
    await signIn(author.page, s.author.email, s.author.password);
    await author.page.goto(`/drafts/${draft.id}`);
    await author.page.locator('.status-line').getByText('changes requested').waitFor();
    expect(await mainText(author.page)).toMatch(/Please add the start time\./);
    await author.page.getByRole('link', { name: 'Edit' }).click();
    await author.page.getByLabel('Text', { exact: true }).fill('Come to our open day on Saturday from 10am.');
    await author.page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await author.page.waitForURL(new RegExp(`/drafts/${draft.id}$`));
    await author.page.locator('.status-line').getByText('submitted').waitFor();
    expect(await mainText(author.page)).toMatch(/revision 2/);
  });

  it('a scheduled post of a leaver is held, and a manager confirms it from "Needs attention"', async () => {
    const leaver = await t.newStaff(['staff']);
    await authorise(t, s, s.account.id, leaver);
    const draft = await createDraft(t, leaver.token, { accountId: s.account.id, text: 'Summer fair next month.' });
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(leaver.token))).status).toBe(200);
    const approved = await approve(t, s.reviewer.token, draft, { scheduledFor: new Date(t.now().getTime() + 24 * HOUR).toISOString() });
    expect(approved.body.status).toBe('scheduled');
    const off = await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(await t.adminToken())).send({ reason: 'Left' });
    expect(off.status).toBe(200);

    const { page } = await open();
    await signIn(page, s.reviewer.email, s.reviewer.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Needs attention' }).click();
    const card = page.locator('.card', { hasText: 'Summer fair next month.' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/held/);
    await screenshot(page, 'manager-held-post');
    await card.getByRole('button', { name: 'Confirm: publish as planned' }).click();
    await card.waitFor({ state: 'detached' });
    const after = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token));
    expect(after.body.status).toBe('scheduled');
  });

  it('a manager takes a published post down from "Needs attention", and the sandbox shows it removed', async () => {
    const draft = await submitted(t, s, { text: 'Our choir sang at the town hall.' });
    expect((await approve(t, s.reviewer.token, draft)).status).toBe(200);
    const deadline = Date.now() + 30000;
    let status = '';
    while (status !== 'published' && Date.now() < deadline) {
      status = (await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token))).body.status;
      if (status !== 'published') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe('published');

    const { page } = await open();
    await signIn(page, s.reviewer.email, s.reviewer.password);
    await page.goto('/problems');
    const card = page.locator('.card', { hasText: 'Our choir sang' });
    await card.getByRole('button', { name: 'Take down…' }).click();
    await card.getByLabel('Reason').fill('Posted to the wrong page');
    await card.getByRole('button', { name: 'Take the post down' }).click();
    await card.waitFor({ state: 'detached' });
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token))).body.status).toBe('taken_down');
    await page.goto(`/sandbox?accountId=${s.account.id}`);
    expect(await page.locator('.card', { hasText: 'Our choir sang' }).innerText()).toMatch(/taken down/);
  });

  it('a manager authorises and revokes a staff member on an account page; the staff member sees the change', async () => {
    const newcomer = await t.newStaff(['staff'], { displayName: 'Nia Newcomer' });
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(newcomer.token));
    const manager = await open();
    await signIn(manager.page, s.manager.email, s.manager.password);
    await manager.page.goto(`/accounts/${s.account.id}`);
    const grant = manager.page.locator('form', { hasText: 'Authorise a staff member' });
    await grant.getByLabel('Staff member').selectOption({ label: 'Nia Newcomer' });
    await grant.getByLabel('Reason').fill('Runs the activities programme');
    await grant.getByRole('button', { name: 'Authorise' }).click();
    const row = manager.page.locator('tr', { hasText: 'Nia Newcomer' });
    await row.waitFor();
    await screenshot(manager.page, 'manager-account-authorisations');

    const staff = await open();
    await signIn(staff.page, newcomer.email, newcomer.password);
    await staff.page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await staff.page.getByRole('heading', { name: 'Accounts you are authorised on' }).waitFor();
    expect(await mainText(staff.page)).toContain(s.account.name);

    await row.getByLabel('Reason to revoke Nia Newcomer').fill('Moved to another home');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    await staff.page.reload();
    await staff.page.getByText('You are not authorised on any account yet').waitFor();
  });

  it('an admin adds an account, a manager completes the DPIA, the DPO signs it off and the account is activated', async () => {
    const admin = await open();
    await signIn(admin.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.page.goto('/accounts');
    await admin.page.getByLabel('Platform', { exact: true }).selectOption('linkedin');
    await admin.page.getByLabel('Name').fill('Riverside on LinkedIn');
    await admin.page.getByLabel('Platform id').fill('90001');
    await admin.page.getByLabel('Owner (a manager)').selectOption({ label: s.manager.email.split('@')[0] });
    await admin.page.getByLabel('Mode').selectOption('sandbox');
    await admin.page.getByRole('button', { name: 'Add account' }).click();
    await admin.page.getByRole('heading', { name: 'Riverside on LinkedIn' }).waitFor();
    const accountId = admin.page.url().split('/').pop()!;
    // Activation is not offered until a DPIA is approved, and the page says why.
    await admin.page.getByText('It can be activated once its DPIA is approved.').waitFor();
    expect(await admin.page.getByRole('button', { name: 'Activate' }).count()).toBe(0);

    const manager = await open();
    await signIn(manager.page, s.manager.email, s.manager.password);
    await manager.page.goto(`/accounts/${accountId}/dpia`);
    const dpia = completeDpia();
    await manager.page.getByLabel('Purpose').fill(dpia.purpose);
    await manager.page.getByLabel('Data categories').fill(dpia.dataCategories.join('\n'));
    await manager.page.getByLabel('Data subjects').fill(dpia.dataSubjects.join('\n'));
    await manager.page.getByLabel('Lawful basis').fill(dpia.lawfulBasis);
    await manager.page.getByLabel('Posts may concern people in vulnerable circumstances').check();
    await manager.page.getByLabel('Description').fill('A post identifies someone we support.');
    await manager.page.getByLabel('Mitigation').fill('Every post is checked and approved by a manager.');
    await manager.page.getByRole('button', { name: 'Save DPIA' }).click();
    await manager.page.getByRole('button', { name: 'Submit to the DPO' }).click();
    await manager.page.locator('.badge', { hasText: 'awaiting sign off' }).first().waitFor();

    const dpo = await open();
    await signIn(dpo.page, s.dpo.email, s.dpo.password);
    await dpo.page.goto('/dpias');
    await dpo.page.getByText('1 DPIA waiting for sign-off.').waitFor();
    await dpo.page.getByRole('link', { name: 'Open DPIA for Riverside on LinkedIn' }).click();
    await dpo.page.getByLabel('Advice').fill('Proportionate; review yearly.');
    await screenshot(dpo.page, 'dpo-sign-off');
    await dpo.page.getByRole('button', { name: 'Record decision' }).click();
    await dpo.page.getByText(/is in force until its review/).waitFor();

    await admin.page.reload();
    await admin.page.getByRole('button', { name: 'Activate' }).click();
    await admin.page.locator('dd .badge', { hasText: 'active' }).waitFor();
    expect(await mainText(admin.page)).toMatch(/Posts can be published\./);
  });

  it('changing the password works and the new one signs in', async () => {
    const person = await t.newStaff(['staff']);
    const { page } = await open();
    await signIn(page, person.email, person.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Password' }).click();
    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.field-error:not([hidden])').first().waitFor();
    await page.getByLabel('New password').fill('a much longer new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    await page.getByRole('button', { name: /^Sign out/ }).click();
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();
    await signIn(page, person.email, 'a much longer new password');
  });

  it('long lists page on demand: a staff member with 105 posts sees 100, then the rest after "Show older posts"', async () => {
    const writer = await t.newStaff(['staff'], { displayName: 'Prolific Writer' });
    await authorise(t, s, s.account.id, writer);
    for (let i = 0; i < 105; i++) await createDraft(t, writer.token, { accountId: s.account.id, text: `Weekly update number ${i}` });
    const { page } = await open();
    await signIn(page, writer.email, writer.password);
    await page.goto('/drafts');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Show older posts' }).click();
    await page.getByText('Weekly update number 0', { exact: true }).waitFor();
    expect(await rows.count()).toBe(105);
    expect(await page.getByRole('button', { name: 'Show older posts' }).count()).toBe(0);
  });
});
