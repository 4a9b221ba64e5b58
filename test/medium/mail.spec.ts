import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Caller } from '../../src/auth/caller';
import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { HOUR } from '../../src/common/time';
import { WritePath } from '../../src/common/write-path/write-path';
import { OffboardingService } from '../../src/offboarding/offboarding.service';
import { StaffMember } from '../../src/staff/staff.entity';
import { DigestService } from '../../src/tasks/mail/digest.service';
import { MailDispatcher } from '../../src/tasks/mail/mail-dispatcher';
import { MAIL_LIFECYCLE } from '../../src/tasks/mail/mail-lifecycle';
import { MailOutbox } from '../../src/tasks/mail/mail-outbox.entity';
import { MailOutboxWriter } from '../../src/tasks/mail/mail-outbox-writer';
import { MailTransport } from '../../src/tasks/mail/mail-transport';
import { Notification } from '../../src/tasks/notifications/notification.entity';
import { PreferencesService } from '../../src/tasks/preferences.service';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

/** The mail outbox and the daily digest: what their queries pick, as the person at the other end sees it. */
describe('the mail outbox, through the services (no HTTP)', () => {
  let medium: Medium;
  const sent: { to: string; subject: string; text: string; html: string }[] = [];
  let failNext: (Error & { responseCode?: number }) | null = null;

  beforeAll(async () => {
    medium = await Medium.start({ GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:2525?tls=off', GATEHOUSE_MAIL_POLL_MS: '0' });
    // The server is the one thing replaced: what the outbox and the trail record is the real code's.
    medium.get(MailTransport).send = async (mail) => {
      const failure = failNext;
      failNext = null;
      if (failure) throw failure;
      sent.push({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    };
  });
  afterAll(() => medium.close());

  const entriesSince = async (id: number) => {
    const rows = await medium.dataSource.getRepository(AuditEntry).createQueryBuilder('e').where('e.id > :id', { id }).orderBy('e.id', 'ASC').getMany();
    return rows.map((row) => ({ id: row.id, action: row.action, raw: row.details, details: JSON.parse(row.details) as Record<string, unknown> }));
  };

  it('a reset mail enters the outbox following from the request, and its entries never hold the link', async () => {
    const colleague = await medium.staff(['staff']);
    const { email } = await medium.dataSource.getRepository(StaffMember).findOneByOrFail({ id: colleague.staffId });
    const before = await medium.auditHead();
    await medium.get(PasswordResetService).request(email);
    await medium.get(PasswordResetService).settled();
    const result = await medium.get(MailDispatcher).dispatchDue();
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });

    const entries = await entriesSince(before);
    expect(entries.map((entry) => entry.action)).toEqual(['auth.password_reset_requested', 'mail.created', 'auth.password_reset_sent', 'mail.sent']);
    const [requested, created, resetSent, mailSent] = entries;
    const requestedId = requested.id;
    expect(created.details).toEqual({ from: null, to: 'pending', recipientStaffId: colleague.staffId, kind: 'password_reset', causedBy: requestedId });
    expect(resetSent.details).toEqual(expect.objectContaining({ causedBy: requestedId }));
    // The dispatcher's send is no request's: its entry is its own.
    expect(mailSent.details).toEqual({ from: 'pending', to: 'sent', recipientStaffId: colleague.staffId, kind: 'password_reset' });
    const token = /token=([\w-]+)/.exec(sent[0].text)?.[1];
    expect(token).toBeTruthy();
    for (const entry of entries) expect(entry.raw).not.toContain(token);

    const row = await medium.dataSource.getRepository(MailOutbox).findOneByOrFail({ recipientStaffId: colleague.staffId });
    expect(MAIL_LIFECYCLE.is(row, 'sent')).toBe(true);
    expect([row.text, row.html]).toEqual(['', '']);
  });

  it('a mail the server refuses for good is given up through the lifecycle', async () => {
    const colleague = await medium.staff(['staff']);
    const { email } = await medium.dataSource.getRepository(StaffMember).findOneByOrFail({ id: colleague.staffId });
    await medium.get(PasswordResetService).request(email);
    await medium.get(PasswordResetService).settled();
    const before = await medium.auditHead();
    failNext = Object.assign(new Error('550 no such mailbox'), { responseCode: 550 });
    expect(await medium.get(MailDispatcher).dispatchDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await medium.auditActionsSince(before)).toEqual(['mail.failed']);
    const [failed] = await entriesSince(before);
    expect(failed.details).toEqual({ from: 'pending', to: 'failed', recipientStaffId: colleague.staffId, kind: 'password_reset' });
    // A final state: the dispatcher does not pick it up again.
    expect(await medium.get(MailDispatcher).dispatchDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  const addressOf = async (person: Caller) => (await medium.dataSource.getRepository(StaffMember).findOneByOrFail({ id: person.staffId })).email;
  const mailTo = (address: string) => sent.filter((mail) => mail.to === address);
  const news = (person: Caller, title: string, path: string) =>
    medium.transactions.run((manager) =>
      medium.get(MailOutboxWriter).toPeople(manager, [{ news: { staffId: person.staffId, kind: 'post_published', subjectType: 'draft', subjectId: path.split('/').pop()!, title, subject: 'Gatehouse: your post', path } }]),
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
  it('news for several people in one change: one mail each, each entry following from its own cause', async () => {
    const [ana, ben] = [await medium.staff(['staff']), await medium.staff(['staff'])];
    const before = await medium.auditHead();
    const causes = await medium.transactions.run(async (manager) => {
      const writePath = medium.get(WritePath);
      const forAna = await writePath.record(manager, { actorId: null, action: 'test.cause', subjectType: 'draft', subjectId: 'a' });
      const forBen = await writePath.record(manager, { actorId: null, action: 'test.cause', subjectType: 'draft', subjectId: 'b' });
      const item = (person: Caller, cause: AuditEntry) => ({ news: { staffId: person.staffId, kind: 'post_published' as const, subjectType: 'draft', subjectId: 'x', title: 'Your post went out', subject: 'Gatehouse: your post', path: '/drafts/x' }, cause });
      await medium.get(MailOutboxWriter).toPeople(manager, [item(ana, forAna), item(ben, forBen)]);
      return { [ana.staffId]: forAna.id, [ben.staffId]: forBen.id };
    });
    const created = (await entriesSince(before)).filter((entry) => entry.action === 'mail.created');
    expect(created.map((entry) => [entry.details.recipientStaffId, entry.details.causedBy]).sort()).toEqual(
      [[ana.staffId, causes[ana.staffId]], [ben.staffId, causes[ben.staffId]]].sort(),
    );
    expect(await medium.dataSource.getRepository(MailOutbox).countBy({ recipientStaffId: ana.staffId })).toBe(1);
    expect(await medium.dataSource.getRepository(MailOutbox).countBy({ recipientStaffId: ben.staffId })).toBe(1);
  });
});
