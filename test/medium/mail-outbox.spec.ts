import { Caller } from '../../src/auth/caller';
import { HOUR } from '../../src/common/time';
import { OffboardingService } from '../../src/offboarding/offboarding.service';
import { StaffMember } from '../../src/staff/staff.entity';
import { DigestService } from '../../src/tasks/mail/digest.service';
import { MailDispatcher } from '../../src/tasks/mail/mail-dispatcher';
import { MailOutboxWriter } from '../../src/tasks/mail/mail-outbox-writer';
import { MailTransport } from '../../src/tasks/mail/mail-transport';
import { Notification } from '../../src/tasks/notifications/notification.entity';
import { PreferencesService } from '../../src/tasks/preferences.service';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

/** What the mail outbox's and the digest's queries pick, as the person at the other end sees it. */
describe('the mail outbox and the daily digest, through the services (no HTTP)', () => {
  let medium: Medium;
  const sent: { to: string; subject: string; text: string }[] = [];
  let failNext: (Error & { responseCode?: number }) | null = null;

  beforeAll(async () => {
    medium = await Medium.start({ GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:2525?tls=off', GATEHOUSE_MAIL_POLL_MS: '0' });
    medium.get(MailTransport).send = async (mail) => {
      const failure = failNext;
      failNext = null;
      if (failure) throw failure;
      sent.push({ to: mail.to, subject: mail.subject, text: mail.text });
    };
  });
  afterAll(() => medium.close());

  const addressOf = async (person: Caller) => (await medium.dataSource.getRepository(StaffMember).findOneByOrFail({ id: person.staffId })).email;
  const mailTo = (address: string) => sent.filter((mail) => mail.to === address);
  const news = (person: Caller, title: string, path: string) =>
    medium.transactions.run((manager) =>
      medium.get(MailOutboxWriter).toPerson(manager, { staffId: person.staffId, kind: 'post_published', subjectType: 'draft', subjectId: path.split('/').pop()!, title, subject: 'Gatehouse: your post', path }),
    );
  const emailStatusesOf = async (person: Caller) =>
    (await medium.dataSource.getRepository(Notification).find({ where: { recipientStaffId: person.staffId }, order: { createdAt: 'ASC', id: 'ASC' } })).map((row) => [row.message, row.emailStatus]);

  it('a mail goes out once, however many dispatchers ask at the same moment', async () => {
    const colleague = await medium.staff(['staff']);
    const address = await addressOf(colleague);
    await news(colleague, 'Your post went out', '/drafts/one');

    await Promise.all([medium.get(MailDispatcher).dispatchDue(), medium.get(MailDispatcher).dispatchDue()]);

    expect(mailTo(address).map((mail) => mail.subject)).toEqual(['Gatehouse: your post']);
    expect(await emailStatusesOf(colleague)).toEqual([['Your post went out', 'sent']]);
    // Sent is final: nothing is due for them any more.
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toHaveLength(1);
  });

  it('a mail the server turned away for now waits for its next attempt, then goes out', async () => {
    const colleague = await medium.staff(['staff']);
    const address = await addressOf(colleague);
    // Whatever else was due goes first, so the refusal below is this mail's.
    await medium.get(MailDispatcher).dispatchDue();
    await news(colleague, 'Your post went out', '/drafts/two');
    failNext = Object.assign(new Error('421 try later'), { responseCode: 421 });
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toEqual([]);

    // Not due yet: asking again at once sends nothing.
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toEqual([]);
    expect(await emailStatusesOf(colleague)).toEqual([['Your post went out', 'pending']]);

    medium.travel(HOUR + 1000);
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address).map((mail) => mail.subject)).toEqual(['Gatehouse: your post']);
    expect(await emailStatusesOf(colleague)).toEqual([['Your post went out', 'sent']]);
  });

  it('daily: one digest listing what waited, oldest first, each with its link; then nothing waits', async () => {
    const colleague = await medium.staff(['staff']);
    const address = await addressOf(colleague);
    await medium.get(PreferencesService).set(colleague, 'daily');
    await news(colleague, 'Your first post went out', '/drafts/first');
    medium.travel(1000);
    await news(colleague, 'Your second post went out', '/drafts/second');

    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toEqual([]);
    expect(await emailStatusesOf(colleague)).toEqual([
      ['Your first post went out', 'digest'],
      ['Your second post went out', 'digest'],
    ]);

    expect(await medium.get(DigestService).queueDigests()).toBeGreaterThanOrEqual(1);
    await medium.get(MailDispatcher).dispatchDue();
    const digests = mailTo(address);
    expect(digests).toHaveLength(1);
    const { text } = digests[0];
    expect(text.indexOf('Your first post went out')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Your first post went out')).toBeLessThan(text.indexOf('Your second post went out'));
    expect(text).toContain('/drafts/first');
    expect(text).toContain('/drafts/second');
    // The digest speaks for each thing it listed.
    expect(await emailStatusesOf(colleague)).toEqual([
      ['Your first post went out', 'sent'],
      ['Your second post went out', 'sent'],
    ]);

    await medium.get(DigestService).queueDigests();
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toHaveLength(1);
  });

  it('no digest for someone who has left: what waited for it is not mailed', async () => {
    const admin = await medium.admin();
    const leaver = await medium.staff(['staff']);
    const address = await addressOf(leaver);
    await medium.get(PreferencesService).set(leaver, 'daily');
    await news(leaver, 'Your post went out', '/drafts/three');
    await medium.get(OffboardingService).offboard(admin, leaver.staffId, { reason: 'moving on' });

    await medium.get(DigestService).queueDigests();
    await medium.get(MailDispatcher).dispatchDue();
    expect(mailTo(address)).toEqual([]);
    expect(await emailStatusesOf(leaver)).toEqual([['Your post went out', 'off']]);
  });
});
