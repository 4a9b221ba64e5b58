import { QUIET_PUBLISHING, Stage, stage } from '../drafts/support';
import { bearer, TestApp } from '../support/test-app';
import { DispatchResult, MailDispatcher } from '../../src/tasks/mail/mail-dispatcher';
import { TestSmtpServer } from './smtp';

/** A test app sending mail to a loopback SMTP server; nothing is sent until the test drives the dispatcher. */
export async function mailingApp(smtp: TestSmtpServer, env: Record<string, string> = {}): Promise<TestApp> {
  return TestApp.start({ ...QUIET_PUBLISHING, GATEHOUSE_SMTP_URL: smtp.url, GATEHOUSE_MAIL_POLL_MS: '0', GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.test', ...env });
}

/** Sends everything due now; resolves when the dispatcher has finished with it. */
export const dispatch = (t: TestApp): Promise<DispatchResult> => t.app.get(MailDispatcher).dispatchDue();

export async function tasksOf(t: TestApp, token: string): Promise<{ kind: string; subjectId: string; subjectType: string; title: string; path: string; since: string }[]> {
  const response = await t.http.get('/api/v1/me/tasks').set(bearer(token));
  if (response.status !== 200) throw new Error(`tasks failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items;
}

export const kindsOf = async (t: TestApp, token: string, kind: string): Promise<string[]> => (await tasksOf(t, token)).filter((task) => task.kind === kind).map((task) => task.subjectId);

export interface MailingScene {
  smtp: TestSmtpServer;
  t: TestApp;
  s: Stage;
}

/**
 * For a describe block: a loopback SMTP server, a mailing app and a publishing stage, with the setup's own mail
 * (policy, new staff) already sent; everything stopped after the block.
 */
export function mailingScene(): MailingScene {
  const scene = {} as MailingScene;
  beforeAll(async () => {
    scene.smtp = await TestSmtpServer.start();
    scene.t = await mailingApp(scene.smtp);
    scene.s = await stage(scene.t);
    await dispatch(scene.t);
  });
  afterAll(async () => {
    await scene.t?.close();
    await scene.smtp?.close();
  });
  return scene;
}
