import { AuditTrail } from '../../src/audit/audit-trail.service';
import { Transactions } from '../../src/common/database/transactions';
import { MailOutbox } from '../../src/tasks/mail/mail-outbox.entity';
import { Stage, submitted } from '../drafts/support';
import { bearer, TestApp } from '../support/test-app';
import { TestSmtpServer } from './smtp';
import { dispatch, mailingScene } from './support';

const APPROVAL_SUBJECT = 'Gatehouse: a post is waiting for your approval';

describe('task and author mail through a real SMTP server', () => {
  const scene = mailingScene();
  let smtp: TestSmtpServer;
  let t: TestApp;
  let s: Stage;
  beforeAll(() => {
    ({ smtp, t, s } = scene);
  });

  const mailsTo = (email: string, subject: string) => smtp.to(email).filter((mail) => mail.subject === subject);

  it('a submitted post: one mail to each manager who may approve it, with the link and without the post text', async () => {
    const before = smtp.received.length;
    const draft = await submitted(t, s);
    const result = await dispatch(t);
    expect(result.sent).toBeGreaterThanOrEqual(3);
    await dispatch(t);
    for (const manager of [s.manager, s.reviewer, s.reviewer2]) {
      const mails = mailsTo(manager.email, APPROVAL_SUBJECT).filter((mail) => mail.text.includes(draft.id));
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain(`https://gatehouse.example.test/drafts/${draft.id}`);
      expect(mails[0].html).toContain(`href="https://gatehouse.example.test/drafts/${draft.id}"`);
      expect(mails[0].text).not.toContain('garden party');
      expect(mails[0].html).not.toContain('garden party');
      expect(mails[0].text).not.toContain(s.author.email);
    }
    expect(mailsTo(s.author.email, APPROVAL_SUBJECT)).toEqual([]);
    // The in-app record of what was sent.
    const notifications = (await t.http.get('/api/v1/notifications?kind=approve_post').set(bearer(s.reviewer.token))).body.items;
    expect(notifications).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: draft.id, emailStatus: 'sent', message: expect.stringContaining(s.account.name) })]));
    expect(smtp.received.length).toBeGreaterThan(before);
  });

  it('the author hears of changes requested (once: the fix_draft task says it) and of a rejection', async () => {
    const draft = await submitted(t, s);
    await dispatch(t);
    await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(s.reviewer.token)).send({ comment: 'Add the date.' }).expect(200);
    await dispatch(t);
    const toAuthor = smtp.to(s.author.email).filter((mail) => mail.text.includes(draft.id));
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0].subject).toBe('Gatehouse: a post of yours needs your attention');
    expect(toAuthor[0].text).not.toContain('Add the date');

    const other = await submitted(t, s);
    await t.http.post(`/api/v1/drafts/${other.id}/reject`).set(bearer(s.reviewer.token)).send({ reason: 'Not for us.' }).expect(200);
    await dispatch(t);
    expect(smtp.to(s.author.email).filter((mail) => mail.text.includes(other.id)).map((mail) => mail.subject)).toEqual(['Gatehouse: your post was not approved']);
  });

  it('a task that comes back after being done is mailed again; one still open is not', async () => {
    const draft = await submitted(t, s);
    await dispatch(t);
    const count = () => mailsTo(s.reviewer.email, APPROVAL_SUBJECT).filter((mail) => mail.text.includes(draft.id)).length;
    expect(count()).toBe(1);
    await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(s.reviewer2.token)).send({ comment: 'Add the date.' }).expect(200);
    await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Saturday: the garden party.' }).expect(200);
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token)).expect(200);
    await dispatch(t);
    expect(count()).toBe(2);
  });

  it('a change that rolls back sends nothing', async () => {
    const draft = await submitted(t, s);
    await dispatch(t);
    const outbox = () => t.dataSource.getRepository(MailOutbox).count();
    const before = await outbox();
    await expect(
      t.app.get(Transactions).run(async (manager) => {
        await t.app.get(AuditTrail).record(manager, { actorId: s.author.id, action: 'draft.changes_requested', subjectType: 'draft', subjectId: draft.id, details: { from: 'submitted', to: 'changes_requested' } });
        expect(await manager.getRepository(MailOutbox).count()).toBeGreaterThan(before);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await outbox()).toBe(before);
  });

  it('a server answering 451: nothing lost, nothing doubled when it comes back', async () => {
    await dispatch(t);
    smtp.down();
    const received = smtp.received.length;
    const draft = await submitted(t, s);
    const first = await dispatch(t);
    expect(first).toEqual({ sent: 0, retrying: 3, failed: 0 });
    expect(smtp.refused).toBeGreaterThanOrEqual(3);
    // Not due again yet: the backoff holds them.
    expect(await dispatch(t)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    smtp.up();
    t.travel(61_000);
    expect(await dispatch(t)).toEqual({ sent: 3, retrying: 0, failed: 0 });
    await smtp.waitForMail(received + 3);
    expect(await dispatch(t)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    for (const manager of [s.manager, s.reviewer, s.reviewer2]) expect(mailsTo(manager.email, APPROVAL_SUBJECT).filter((mail) => mail.text.includes(draft.id))).toHaveLength(1);
  });

  it('after 24 hours of refusals the notification records the failure', async () => {
    await dispatch(t);
    smtp.down();
    const draft = await submitted(t, s);
    let failed = 0;
    for (let hour = 0; hour < 26 && failed === 0; hour++) {
      failed += (await dispatch(t)).failed;
      t.travel(3600_000);
    }
    smtp.up();
    expect(failed).toBe(3);
    const reviewer = await t.login(s.reviewer.email, s.reviewer.password);
    const notifications = (await t.http.get('/api/v1/notifications?kind=approve_post').set(bearer(reviewer))).body.items;
    expect(notifications).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: draft.id, emailStatus: 'failed' })]));
    const rows = await t.dataSource.getRepository(MailOutbox).findBy({ status: 'failed' });
    expect(rows.every((row) => row.text === '' && row.html === '')).toBe(true);
  });
});
