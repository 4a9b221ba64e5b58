import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { StaffMember } from '../../src/staff/staff.entity';
import { MailDispatcher } from '../../src/tasks/mail/mail-dispatcher';
import { MAIL_LIFECYCLE } from '../../src/tasks/mail/mail-lifecycle';
import { MailOutbox } from '../../src/tasks/mail/mail-outbox.entity';
import { MailTransport } from '../../src/tasks/mail/mail-transport';
import { Medium } from '../support/medium';

jest.setTimeout(60_000);

describe('the mail outbox, through the services (no HTTP)', () => {
  let medium: Medium;
  const sent: { text: string; html: string }[] = [];
  let failNext: (Error & { responseCode?: number }) | null = null;

  beforeAll(async () => {
    medium = await Medium.start({ GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:2525?tls=off', GATEHOUSE_MAIL_POLL_MS: '0' });
    // The server is the one thing replaced: what the outbox and the trail record is the real code's.
    medium.get(MailTransport).send = async (mail) => {
      const failure = failNext;
      failNext = null;
      if (failure) throw failure;
      sent.push({ text: mail.text, html: mail.html });
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
});
