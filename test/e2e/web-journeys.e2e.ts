// The web app's fixes for issue 17, walked through in headless Chromium as each person would, with
// axe-core on every page touched, at desktop and phone widths.
import { Page } from 'playwright-core';
import { approve, authorise, createDraft, stage } from '../drafts/support';
import { activeAccount, createAccount } from '../governance/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestStaff } from '../support/test-app';
import { ONE_PIXEL_PNG, screenshot, signIn, useWebApp } from './support';
import { accessibilityProblems, DESKTOP, focusedLabel, mainText, PHONE, scrollsSideways } from './web-support';

describe('web app: issue 17 defects (headless Chromium)', () => {
  const { t, s, open: newBrowser } = useWebApp(stage);
  let jane: TestStaff; // a manager who reviews, named so the pages can be read for her name
  let colleague: TestStaff; // shown in a photo; asked for consent
  const open = async () => (await newBrowser()).page;
  /** axe at both widths: nothing serious or critical, no heading jump, no empty table header. */
  const checkAccessibility = async (page: Page, name: string) => {
    for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      expect({ page: name, width: label, problems: await accessibilityProblems(page) }).toEqual({ page: name, width: label, problems: [] });
      await screenshot(page, `web-${name}-${label}`);
    }
    await page.setViewportSize(DESKTOP);
  };

  beforeAll(async () => {
    jane = await t.newStaff(['manager'], { displayName: 'Jane Smith' });
    colleague = await t.newStaff(['staff'], { displayName: 'Sam Carter' });
    await authorise(t, s, s.account.id, colleague);
  });

  it('sign-in by keyboard alone: a wrong password says so, and no page shows "null"', async () => {
    const page = await open();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b/);
    await checkAccessibility(page, 'sign-in');

    // Each page starts with focus on its main area, so the first Tab reaches the first field.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Email address');
    await page.keyboard.type(s.author.email);
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Password');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/email or password is not right/i);
    expect(page.url()).toMatch(/\/sign-in/);
    await screenshot(page, 'web-sign-in-wrong-password');
    await checkAccessibility(page, 'sign-in-refused');

    await page.getByLabel('Password').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(s.author.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Sign out/ }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b/);
  });

  it('the author sees the manager’s comment by name, cannot submit before changing it, and a blocked submit keeps warnings apart', async () => {
    const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Our summer fete is on Saturday.' });
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).status).toBe(200);
    const asked = await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(jane.token)).send({ comment: 'Please add the start time.' });
    expect(asked.status).toBe(200);

    const page = await open();
    await signIn(page, s.author.email, s.author.password);
    await page.goto(`/drafts/${draft.id}`);
    await page.getByText('Changes requested by Jane Smith').waitFor();
    expect(await mainText(page)).not.toMatch(/staff [0-9a-f]{8}/);
    expect(await page.getByRole('button', { name: 'Submit for approval' }).count()).toBe(0);
    await checkAccessibility(page, 'post-changes-requested');

    await page.getByRole('link', { name: 'Edit: make the requested changes' }).click();
    const request = page.getByRole('region', { name: 'Changes requested' });
    await request.waitFor();
    expect(await request.innerText()).toMatch(/Jane Smith asked for these changes:\s*Please add the start time\./);
    await checkAccessibility(page, 'editor-changes-requested');

    // A new post with a blocking NHS number and a mere warning (a phone number), submitted anyway.
    await page.getByRole('navigation').getByRole('link', { name: 'Write a post' }).click();
    await page.getByRole('heading', { name: 'Write a post', level: 1 }).waitFor();
    await page.getByLabel('Text', { exact: true }).fill('Ring 020 7946 0018 about 943 476 5919.');
    await page.getByRole('list', { name: 'Warnings' }).waitFor();
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await page.getByRole('heading', { name: 'Edit post', level: 1 }).waitFor();
    expect(await page.title()).toBe('Edit post – Gatehouse');
    const blocking = await alert.innerText();
    expect(blocking).toMatch(/saved, but not submitted/i);
    expect(blocking).toMatch(/NHS/i);
    expect(blocking).not.toMatch(/phone/i);
    expect(await page.getByRole('list', { name: 'Must be fixed' }).innerText()).not.toMatch(/phone/i);
    expect(await page.getByRole('list', { name: 'Warnings' }).innerText()).toMatch(/phone/i);
    await screenshot(page, 'web-editor-blocked-submit');
    await checkAccessibility(page, 'editor-blocked');

    // After an upload, the keyboard is at the new file's alt text, not back at the top of the page.
    await page.getByLabel('Attach a photo or video').setInputFiles({ name: 'fete.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    await page.getByText('fete.png attached.').waitFor();
    expect(await focusedLabel(page)).toBe('Alt text');
    await checkAccessibility(page, 'editor-upload');
  });

  it('a manager is offered only the accounts she is authorised on, and told another manager must authorise her', async () => {
    const page = await open();
    await signIn(page, jane.email, jane.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Write a post' }).click();
    await page.getByText('A manager cannot authorise themselves: ask another manager').waitFor();
    expect(await page.getByLabel('Account', { exact: true }).count()).toBe(0);
    await checkAccessibility(page, 'editor-manager-unauthorised');
  });

  it('the queue: no Approve while consent is outstanding (and who), one form at a time, a confirmation with a link after approving', async () => {
    const uploaded = await t.http.post('/api/v1/media').set(bearer(s.author.token)).attach('file', ONE_PIXEL_PNG, 'team.png');
    expect(uploaded.status).toBe(201);
    const withPhoto = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Our team at the fete.',
      media: [{ mediaId: uploaded.body.id, altText: 'Sam at the cake stall', depicts: { staffIds: [colleague.id], serviceUsers: false, public: false }, rights: 'own' }] });
    expect((await t.http.post(`/api/v1/drafts/${withPhoto.id}/submit`).set(bearer(s.author.token))).status).toBe(200);
    const plain = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'The minibus fund reached its target.' });
    expect((await t.http.post(`/api/v1/drafts/${plain.id}/submit`).set(bearer(s.author.token))).status).toBe(200);

    const page = await open();
    await signIn(page, jane.email, jane.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approval queue', level: 1 }).waitFor();
    const photoCard = page.getByRole('listitem').filter({ hasText: 'Our team at the fete.' });
    const plainCard = page.getByRole('listitem').filter({ hasText: 'The minibus fund reached its target.' });
    await photoCard.getByText('Sam Carter has not yet given consent').waitFor();
    expect(await photoCard.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await photoCard.innerText()).toMatch(/cannot be approved until everyone shown/);
    // Forms stay folded until their button is pressed.
    expect(await plainCard.getByLabel('What needs to change').isVisible()).toBe(false);
    expect(await plainCard.getByLabel('Publish at').isVisible()).toBe(false);
    await checkAccessibility(page, 'queue');

    await plainCard.getByRole('button', { name: 'Ask for changes…' }).click();
    await plainCard.getByLabel('What needs to change').waitFor();
    await plainCard.getByRole('button', { name: 'Approve for a time…' }).click();
    await plainCard.getByLabel('Publish at').waitFor();
    expect(await plainCard.getByLabel('What needs to change').isVisible()).toBe(false);
    await plainCard.getByRole('button', { name: 'Approve', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: 'Approved' });
    await done.waitFor();
    await screenshot(page, 'web-queue-approved');
    await done.getByRole('link', { name: 'Open the post' }).click();
    await page.waitForURL(new RegExp(`/drafts/${plain.id}$`));
    expect((await t.http.get(`/api/v1/drafts/${plain.id}`).set(bearer(jane.token))).body.status).not.toBe('submitted');

    // The colleague answers on the consent page.
    const sam = await open();
    await signIn(sam, colleague.email, colleague.password);
    await sam.getByRole('navigation').getByRole('link', { name: 'Consent' }).click();
    await sam.getByRole('heading', { name: 'Consent requests', level: 1 }).waitFor();
    await checkAccessibility(sam, 'consent');
  });

  it('the DPIA: edits typed after the last save go to the DPO with the submission; the list has no empty header', async () => {
    const account = await createAccount(t, s.manager.id, { name: 'Hillside Care' });
    const page = await open();
    await signIn(page, s.manager.email, s.manager.password);
    await page.goto(`/accounts/${account.id}/dpia`);
    await page.getByLabel('Purpose').fill('News for families.');
    await page.getByLabel('Lawful basis').fill('Legitimate interests');
    await page.getByRole('button', { name: 'Save DPIA' }).click();
    await page.getByRole('button', { name: 'Submit to the DPO' }).waitFor();
    // Typed, not saved.
    await page.getByLabel('Purpose').fill('News and events for families and the community.');
    await page.getByLabel('Description').fill('A resident could be named');
    await page.getByLabel('Mitigation').fill('Every post is approved by a manager');
    await page.getByRole('button', { name: 'Submit to the DPO' }).click();
    await page.getByText('awaiting sign off').first().waitFor();
    const dpia = (await t.http.get(`/api/v1/accounts/${account.id}/dpia`).set(bearer(s.manager.token))).body;
    expect(dpia.status).toBe('awaiting_sign_off');
    expect(dpia.purpose).toBe('News and events for families and the community.');
    expect(dpia.risks[0].description).toBe('A resident could be named');
    // Earlier versions can be read in full from the history.
    await page.getByText('Read version 1').click();
    await page.getByRole('group').filter({ hasText: 'Read version 1' }).getByText('News and events for families and the community.').waitFor();
    await checkAccessibility(page, 'dpia');

    await page.getByRole('navigation').getByRole('link', { name: 'DPIAs' }).click();
    await page.getByRole('columnheader', { name: 'Assessment' }).waitFor();
    await checkAccessibility(page, 'dpia-list');
  });

  it('offboarding offers as transfer target only people who can carry on with the posts, and warns otherwise', async () => {
    const leaver = await t.newStaff(['staff'], { displayName: 'Lee Leaver' });
    await authorise(t, s, s.account.id, leaver);
    const page = await open();
    await signIn(page, 'admin@example.test', 'correct horse battery staple');
    await page.goto(`/staff/${leaver.id}`);
    const target = page.getByLabel('Hand their posts to');
    await target.waitFor();
    const options = await target.locator('option').allInnerTexts();
    expect(options).toContain('Sam Carter');
    expect(options).toContain('Jane Smith (manager)');
    const dpoName = (await t.http.get(`/api/v1/staff/${s.dpo.id}`).set(bearer(await t.adminToken()))).body.displayName;
    expect(options).not.toContain(dpoName);
    expect(options.some((o) => /admin/i.test(o))).toBe(false);
    expect(await target.locator('optgroup[label="Authorised on their accounts"] option').allInnerTexts()).toContain('Sam Carter');

    await target.selectOption({ label: 'Jane Smith (manager)' });
    await page.getByText('Jane Smith is not authorised on all of Lee Leaver\'s accounts').waitFor();
    await target.selectOption({ label: 'Sam Carter' });
    await page.getByText('is not authorised on all').waitFor({ state: 'detached' });
    await checkAccessibility(page, 'offboarding');
  });

  it('on a phone the menu is one button away and grouped, and tables reflow instead of hiding columns', async () => {
    const page = await open();
    await signIn(page, jane.email, jane.password);
    await page.setViewportSize(PHONE);
    await page.goto('/drafts');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    expect(await nav.getByRole('link', { name: 'Approvals' }).isVisible()).toBe(false);
    // The closed menu is small: the page's heading shows within the first fifth of the screen.
    const headingBox = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(headingBox!.y).toBeLessThan(PHONE.height / 5);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('list', { name: 'Posts' }).getByRole('link', { name: 'Approvals' }).waitFor();
    await screenshot(page, 'web-phone-menu-open');
    await nav.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approval queue', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Approvals' }).isVisible()).toBe(false);

    await page.goto('/drafts');
    await page.getByRole('table').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await page.getByRole('cell').first().isVisible()).toBe(true);
    await screenshot(page, 'web-phone-posts-table');
    await page.setViewportSize(DESKTOP);
    expect(await nav.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await nav.getByRole('link', { name: 'Approvals' }).isVisible()).toBe(true);
  });

  it('the audit trail: search by who did it, verify it, check a receipt, and export it', async () => {
    const page = await open();
    await signIn(page, 'admin@example.test', 'correct horse battery staple');
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await page.getByLabel('Done by').selectOption({ label: 'Jane Smith' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/actorId=/);
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const whos = await page.getByRole('table').locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(whos.length).toBeGreaterThan(0);
    expect(new Set(whos)).toEqual(new Set(['Jane Smith']));
    expect(await mainText(page)).toMatch(/draft\.approved/);
    await checkAccessibility(page, 'audit');

    await page.getByRole('button', { name: 'Verify the trail now' }).click();
    await page.getByText(/The trail is intact: \d+ entries/).waitFor();
    await page.getByRole('button', { name: 'Get a receipt' }).click();
    const receipt = page.getByRole('definition');
    await receipt.first().waitFor();
    const [id, hash] = await receipt.allInnerTexts();
    await page.getByLabel('Entry number').fill(id);
    await page.getByLabel('Hash', { exact: true }).fill(hash);
    await page.getByRole('button', { name: 'Check the receipt' }).click();
    await page.locator('form').getByText(/The trail is intact/).waitFor();
    // A receipt that does not match the trail is reported, in words.
    await page.getByLabel('Hash', { exact: true }).fill('0'.repeat(64));
    await page.getByRole('button', { name: 'Check the receipt' }).click();
    await page.getByText('The receipt does not match the trail').waitFor();
    await screenshot(page, 'web-audit-verify');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Download as CSV/ }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe('gatehouse-audit.csv');
  });

  it('an admin edits an account and a staff member, and reinstates a leaver', async () => {
    const page = await open();
    await signIn(page, 'admin@example.test', 'correct horse battery staple');
    const account = await createAccount(t, s.manager.id, { name: 'Brookside Care' });
    await page.goto(`/accounts/${account.id}`);
    await page.getByRole('heading', { name: 'Edit the account', level: 2 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Brookside House');
    await page.getByLabel('Owner (a manager)').selectOption({ label: 'Jane Smith' });
    await page.getByLabel('Approvals needed').selectOption({ label: 'Two managers' });
    await page.getByRole('button', { name: 'Save the account' }).click();
    await page.getByRole('heading', { name: 'Brookside House', level: 1 }).waitFor();
    const saved = (await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(await t.adminToken()))).body;
    expect([saved.name, saved.ownerId, saved.requiredApprovals]).toEqual(['Brookside House', jane.id, 2]);
    await checkAccessibility(page, 'account-edit');

    const newcomer = await t.newStaff(['staff'], { displayName: 'Nia Newcomer' });
    await page.goto(`/staff/${newcomer.id}`);
    await page.getByLabel('Name', { exact: true }).fill('Nia Jones');
    await page.getByLabel('Line manager').selectOption({ label: 'Jane Smith' });
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { name: 'Nia Jones', level: 1 }).waitFor();
    expect(await mainText(page)).toMatch(/Line manager\s+Jane Smith/);
    await checkAccessibility(page, 'staff-edit');

    expect((await t.http.post(`/api/v1/staff/${newcomer.id}/offboard`).set(bearer(await t.adminToken())).send({ reason: 'Left the company' })).status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Reinstate', level: 2 }).waitFor();
    await page.getByLabel('Reason').fill('Rehired');
    await page.getByRole('button', { name: 'Reinstate Nia Jones' }).click();
    await page.getByRole('heading', { name: 'Reinstate', level: 2 }).waitFor({ state: 'detached' });
    expect((await t.http.get(`/api/v1/staff/${newcomer.id}`).set(bearer(await t.adminToken()))).body.status).toBe('active');
    await checkAccessibility(page, 'staff-reinstated');
  });

  // Issue 11: the buttons are the server's allowedActions, nothing else.
  /** What each draft action is called on the post's page (web/js/actions/draft.js), for the actions shown there. */
  const DRAFT_LABELS: Record<string, string[]> = {
    edit: ['Edit', 'Edit: make the requested changes'],
    submit: ['Submit for approval'],
    approve: ['Approve', 'Approve for a time…'],
    request_changes: ['Ask for changes…'],
    reject: ['Reject…'],
    confirm: ['Confirm: publish as planned'],
    retry: ['Retry publishing'],
    reconcile: ['It was published…', 'It was not published…'],
    take_down: ['Take down…'],
    withdraw: ['Withdraw'],
  };
  /** The names of the buttons and links under "What you can do" (none when the section is absent). */
  const shownActions = async (page: Page): Promise<string[]> => {
    const region = page.getByRole('region', { name: 'What you can do' });
    if (!(await region.count())) return [];
    const names = await region.locator('button, a').evaluateAll((els) => els.filter((el) => !(el as any).closest('form')).map((el) => (el as any).textContent.trim()));
    return names.sort();
  };
  const allowedOf = async (draftId: string, token: string): Promise<string[]> =>
    (await t.http.get(`/api/v1/drafts/${draftId}`).set(bearer(token))).body.allowedActions;
  const expectedLabels = (allowed: string[], status: string) =>
    allowed.filter((a) => DRAFT_LABELS[a]).flatMap((a) => (a === 'edit' ? [status === 'changes_requested' ? DRAFT_LABELS.edit[1] : DRAFT_LABELS.edit[0]] : DRAFT_LABELS[a])).sort();

  it('a staff member sees exactly the actions the server allows: Edit and Withdraw on a post sent back for changes, never Submit', async () => {
    const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Our quiz night is on Friday.' });
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).status).toBe(200);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(jane.token)).send({ comment: 'Which Friday?' })).status).toBe(200);
    const allowed = await allowedOf(draft.id, s.author.token);
    expect(allowed).toEqual(expect.arrayContaining(['edit', 'withdraw']));
    expect(allowed).not.toContain('submit');

    const page = await open();
    await signIn(page, s.author.email, s.author.password);
    await page.goto(`/drafts/${draft.id}`);
    await page.getByRole('region', { name: 'What you can do' }).waitFor();
    expect(await shownActions(page)).toEqual(expectedLabels(allowed, 'changes_requested'));
    expect(await shownActions(page)).toEqual(['Edit: make the requested changes', 'Withdraw']);
    expect(await page.getByRole('button', { name: 'Submit for approval' }).count()).toBe(0);
    // The editor opens only for a post the server lets this person edit.
    await page.getByRole('link', { name: 'Edit: make the requested changes' }).click();
    await page.getByRole('heading', { name: 'Edit post', level: 1 }).waitFor();
    expect(await mainText(page)).not.toMatch(/cannot edit it now/);

    // A colleague authorised on the same account, who may read the post but not act on it, sees no actions at all.
    const sam = await open();
    await signIn(sam, colleague.email, colleague.password);
    await sam.goto(`/drafts/${draft.id}`);
    await sam.getByRole('heading', { name: 'What happened' }).waitFor();
    expect(await shownActions(sam)).toEqual(expectedLabels(await allowedOf(draft.id, colleague.token), 'changes_requested'));
  });

  it('the manager who owns a held post is offered no Confirm; another manager is, on the post and in "Needs attention"', async () => {
    // Jane writes for an account of her own; it is suspended after approval, so the post is held at its time.
    const account = await activeAccount(t, s, { name: 'Orchard House' });
    await authorise(t, s, account.id, jane);
    const draft = await createDraft(t, jane.token, { accountId: account.id, text: 'The spring fair is next month.' });
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(jane.token))).status).toBe(200);
    const approved = await approve(t, s.reviewer.token, draft, { scheduledFor: new Date(t.now().getTime() + 2000).toISOString() });
    expect(approved.body.status).toBe('scheduled');
    expect((await t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(s.manager.token)).send({ reason: 'Page hacked' })).status).toBe(200);
    let held: Record<string, any> = {};
    for (const deadline = Date.now() + 30000; held.status !== 'held' && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
      held = (await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.manager.token))).body;
    }
    expect([held.status, held.ownerId]).toEqual(['held', jane.id]);
    // Confirming needs an account that can publish again: the page is back under control.
    expect((await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(s.manager.token))).status).toBe(200);
    const owner = jane;
    const other = s.reviewer;
    expect(await allowedOf(draft.id, owner.token)).not.toContain('confirm');
    expect(await allowedOf(draft.id, other.token)).toContain('confirm');

    const page = await open();
    await signIn(page, owner.email, owner.password);
    await page.goto(`/drafts/${draft.id}`);
    await page.getByRole('heading', { name: 'What happened' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirm: publish as planned' }).count()).toBe(0);
    expect(await shownActions(page)).toEqual(expectedLabels(await allowedOf(draft.id, owner.token), 'held'));
    await page.goto('/problems');
    const card = page.getByRole('listitem').filter({ hasText: 'The spring fair is next month.' });
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'Confirm: publish as planned' }).count()).toBe(0);

    const second = await open();
    await signIn(second, other.email, other.password);
    await second.goto(`/drafts/${draft.id}`);
    await second.getByRole('button', { name: 'Confirm: publish as planned' }).waitFor();
    expect(await shownActions(second)).toEqual(expectedLabels(await allowedOf(draft.id, other.token), 'held'));
  });

  it('the editor counts the limits GET /api/v1/platforms gives, the way the check counts them', async () => {
    const platforms = (await t.http.get('/api/v1/platforms').set(bearer(s.author.token))).body;
    const facebook = platforms.items.find((p: any) => p.platform === 'facebook');
    const textLimit = facebook.limits.find((l: any) => l.name === 'textCharacters').max;
    const page = await open();
    await signIn(page, s.author.email, s.author.password);
    await page.goto('/drafts/new');
    await page.getByLabel('Text', { exact: true }).fill('Hello 👋');
    const counters = page.getByRole('list', { name: 'Platform limits' });
    await counters.getByText(`${textLimit - 7} characters left (of ${textLimit})`).waitFor();
    expect(await mainText(page)).toMatch(new RegExp(`up to ${Math.round(platforms.uploads.imageMaxBytes / 1048576)} MB`));
    await checkAccessibility(page, 'editor-counters');

    // Whatever the server answers is what is counted: nothing in the page holds a copy.
    const other = await open();
    await other.route('**/api/v1/platforms', (route) => route.fulfill({ json: { ...platforms, items: platforms.items.map((p: any) => ({ ...p, limits: p.limits.map((l: any) => ({ ...l, max: 12 })) })) } }));
    await signIn(other, s.author.email, s.author.password);
    await other.goto('/drafts/new');
    await other.getByLabel('Text', { exact: true }).fill('Hello 👋 there, all');
    await other.getByRole('list', { name: 'Platform limits' }).getByText('6 characters over the limit').waitFor();
  });

  it('the calendar shows a scheduled post on its day, in the week and the month, and opens it', async () => {
    const day = new Date(t.now().getTime() + 3 * 24 * 3600 * 1000);
    day.setHours(10, 30, 0, 0);
    const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Carol singers visit on Tuesday evening.' });
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).status).toBe(200);
    expect((await approve(t, s.reviewer.token, draft, { scheduledFor: day.toISOString() })).body.status).toBe('scheduled');
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;

    const page = await open();
    await signIn(page, jane.email, jane.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.goto(`/calendar?view=week&date=${date}`);
    const label = await page.evaluate(`new Date(${JSON.stringify(day.toISOString())}).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })`);
    const list = page.getByRole('list', { name: `Posts on ${label}` });
    await list.getByRole('link', { name: 'Carol singers visit on Tuesday evening.' }).waitFor();
    expect(await list.innerText()).toMatch(/10:30/);
    expect(await list.innerText()).toMatch(/scheduled/);
    await checkAccessibility(page, 'calendar-week');

    await page.getByRole('link', { name: 'Month view' }).click();
    await page.waitForURL(/view=month/);
    await page.getByRole('list', { name: `Posts on ${label}` }).getByRole('link', { name: 'Carol singers visit on Tuesday evening.' }).waitFor();
    // Only published posts: the scheduled one goes.
    await page.getByLabel('Which posts').selectOption({ label: 'Published' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/status=published/);
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Carol singers visit on Tuesday evening.' }).count()).toBe(0);
    await checkAccessibility(page, 'calendar-month');
    await page.getByLabel('Which posts').selectOption({ label: 'Scheduled' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('link', { name: 'Carol singers visit on Tuesday evening.' }).click();
    await page.waitForURL(new RegExp(`/drafts/${draft.id}$`));
  });

  it('previews a post as each network shows it: cut at its "See more", hashtags, the first photo in its frame', async () => {
    const uploaded = await t.http.post('/api/v1/media').set(bearer(s.author.token)).attach('file', ONE_PIXEL_PNG, 'garden.png');
    const long = `Our residents planted the new sensory garden this week with help from the local school. ${'It has lavender, rosemary and mint, '.repeat(14)}and a bench. #GardenDay #CareHome`;
    const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: long,
      media: [{ mediaId: uploaded.body.id, altText: 'The new raised beds', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    const page = await open();
    await signIn(page, s.author.email, s.author.password);
    await page.goto(`/drafts/${draft.id}`);
    await page.getByRole('link', { name: 'See how it will look on Facebook, Instagram, LinkedIn and YouTube' }).click();
    await page.getByRole('heading', { name: 'How the post will look', level: 1 }).waitFor();
    const facebook = page.getByRole('region', { name: 'On Facebook (this account)' });
    const instagram = page.getByRole('region', { name: 'On Instagram' });
    await facebook.waitFor();
    // Instagram cuts at 125 characters, Facebook much later; neither shows the hashtags at the end until asked.
    expect(await instagram.innerText()).toContain('Our residents planted');
    expect(await instagram.innerText()).not.toContain('and a bench');
    expect(await facebook.innerText()).not.toContain('#CareHome');
    expect(await facebook.getByRole('img', { name: 'The new raised beds' }).count()).toBe(1);
    await instagram.getByRole('button', { name: '… more' }).click();
    expect(await instagram.innerText()).toContain('#CareHome');
    for (const name of ['On LinkedIn', 'On YouTube']) await page.getByRole('region', { name }).waitFor();
    await checkAccessibility(page, 'network-previews');
  });

  it('the page that says how to set up a platform passes axe', async () => {
    const page = await open();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/connections/setup?platform=linkedin');
    await page.getByRole('heading', { name: 'LinkedIn cannot be connected yet', level: 1 }).waitFor();
    await checkAccessibility(page, 'connection-setup');
  });
});
