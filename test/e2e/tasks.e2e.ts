import { Page } from 'playwright-core';
import { completeDpia, createAccount } from '../governance/fixtures';
import { bearer, TestApp } from '../support/test-app';
import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { TestSmtpServer } from '../tasks/smtp';
import { dispatch } from '../tasks/support';
import { signIn, startServer, unlabelledControls, useBrowsers } from './support';

describe('to-do list, password reset and email preferences in the browser', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let baseUrl: string;
  const newBrowser = useBrowsers(() => baseUrl);
  const open = async () => (await newBrowser()).page;
  const headings = (page: Page) => page.evaluate(`[...document.querySelectorAll('main h1, main h2, main h3')].map((el) => el.tagName)`) as Promise<string[]>;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    ({ t, baseUrl } = await startServer({ GATEHOUSE_SMTP_URL: smtp.url, GATEHOUSE_MAIL_POLL_MS: '0', GATEHOUSE_ROLE: 'api' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("the DPO's home page lists the DPIA waiting for her, with a link to it", async () => {
    const manager = await t.newStaff(['manager']);
    const dpo = await t.newStaff(['dpo']);
    const account = await createAccount(t, manager.id, { name: 'Riverside Events' });
    await t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(manager.token)).send(completeDpia()).expect(200);
    await t.http.post(`/api/v1/accounts/${account.id}/dpia/submit`).set(bearer(manager.token)).expect(200);
    const page = await open();
    await signIn(page, dpo.email, dpo.password);
    const task = page.getByRole('link', { name: 'Sign off the DPIA for Riverside Events' });
    await task.waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Nothing is waiting for you');
    expect(await headings(page)).toEqual(['H1', 'H2', 'H2']);
    await task.click();
    await page.waitForURL(`**/accounts/${account.id}/dpia`);
  });

  it('forgot password: the sign-in page leads to the request, the email link to a new password', async () => {
    const person = await t.newStaff(['staff']);
    const page = await open();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email address').fill(person.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByText('If that address belongs to a Gatehouse account').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await t.app.get(PasswordResetService).settled();
    await dispatch(t);
    const mail = smtp.to(person.email).find((item) => item.subject === 'Gatehouse: reset your password')!;
    const link = /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
    await page.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    await page.getByLabel('New password').fill('a new password for the browser');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL('**/sign-in?**');
    await signIn(page, person.email, 'a new password for the browser');
  });

  it("email preferences live on the person's own page", async () => {
    const person = await t.newStaff(['staff']);
    const page = await open();
    await signIn(page, person.email, person.password);
    await page.goto('/password');
    await page.getByLabel('Email me about my tasks').selectOption('daily');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect((await t.http.get('/api/v1/me/notification-preferences').set(bearer(person.token))).body).toEqual({ email: 'daily' });
  });
});
