import { TaskMailListener } from '../../src/tasks/task-mail-listener';
import { Transactions } from '../../src/common/database/transactions';
import { createDraft, pngBytes, upload } from '../drafts/support';
import { leaverScene, LeaverScene } from '../leavers/support';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { TestSmtpServer } from './smtp';
import { dispatch, kindsOf, mailingApp, tasksOf } from './support';

const DAY = 24 * 3600_000;

describe('tasks from consent, leavers and time, and their mail', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let s: LeaverScene;
  let colleague: TestStaff;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await mailingApp(smtp);
    s = await leaverScene(t);
    colleague = await t.newStaff(['staff']);
    await dispatch(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('give_consent: the colleague in the photo, mailed once; gone when they decide', async () => {
    const media = (await upload(t, s.author.token, pngBytes(), 'team.png')).body;
    await createDraft(t, s.author.token, {
      accountId: s.account.id,
      text: 'The team at the summer fair.',
      media: [{ mediaId: media.id, altText: 'The team at the fair', depicts: { staffIds: [colleague.id], serviceUsers: false, public: false }, rights: 'own' }],
    });
    const [task] = (await tasksOf(t, colleague.token)).filter((item) => item.kind === 'give_consent');
    expect(task).toEqual(expect.objectContaining({ subjectType: 'consent_request', path: '/consent' }));
    expect(await kindsOf(t, s.author.token, 'give_consent')).toEqual([]);
    await dispatch(t);
    const mails = smtp.to(colleague.email).filter((mail) => mail.subject === 'Gatehouse: a colleague asks for your consent to a photo');
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://gatehouse.example.test/consent');
    expect(mails[0].text).not.toContain('summer fair');
    await t.http.post(`/api/v1/consent-requests/${task.subjectId}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' }).expect(200);
    expect(await kindsOf(t, colleague.token, 'give_consent')).toEqual([]);
  });

  it('an offboarding: the handed-over drafts become fix_draft for the new owner, the leaver task complete_offboarding_task for admins and managers, the rotation reconnect_account', async () => {
    const offboarded = await t.http.post(`/api/v1/staff/${s.leaver.id}/offboard`).set(bearer(s.admin)).send({ reason: 'Moved away' });
    expect(offboarded.status).toBe(200);
    expect(await kindsOf(t, s.lineManager.token, 'fix_draft')).toEqual(expect.arrayContaining([s.drafts.plain]));
    const offboardingTasks = await kindsOf(t, s.admin, 'complete_offboarding_task');
    expect(offboardingTasks).toHaveLength(1);
    expect(await kindsOf(t, s.manager.token, 'complete_offboarding_task')).toEqual(offboardingTasks);
    expect(await kindsOf(t, s.author.token, 'complete_offboarding_task')).toEqual([]);
    expect(await kindsOf(t, s.admin, 'reconnect_account')).toContain(s.account.id);

    await dispatch(t);
    expect(smtp.to(s.lineManager.email).filter((mail) => mail.subject === 'Gatehouse: a post of yours needs your attention' && mail.text.includes(s.drafts.plain))).toHaveLength(1);
    expect(smtp.to(s.manager.email).filter((mail) => mail.subject === 'Gatehouse: a leaver task is waiting')).toHaveLength(1);
    // The leaver's name is not in the mail.
    const leaverName = s.leaver.email.split('@')[0];
    for (const mail of smtp.received) expect(mail.text).not.toContain(leaverName);

    await t.http.post(`/api/v1/offboarding-tasks/${offboardingTasks[0]}/complete`).set(bearer(s.manager.token)).send({ note: 'Removed on the platform' });
    expect(await kindsOf(t, s.admin, 'complete_offboarding_task')).toEqual([]);
  });

  it('the hourly sweep mails tasks that time brings (a DPIA review falling due), once', async () => {
    const subject = 'Gatehouse: a DPIA review is due';
    expect(smtp.to(s.manager.email).filter((mail) => mail.subject === subject)).toEqual([]);
    t.travel(340 * DAY);
    const sweep = () => t.app.get(Transactions).run((manager) => t.app.get(TaskMailListener).sweep(manager));
    await sweep();
    await sweep();
    await dispatch(t);
    const mails = smtp.to(s.manager.email).filter((mail) => mail.subject === subject);
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(new Set(mails.map((mail) => mail.text)).size).toBe(mails.length);
    expect(mails.some((mail) => mail.text.includes(`https://gatehouse.example.test/accounts/${s.account.id}/dpia`))).toBe(true);
  });
});
