import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { PasswordResetToken } from '../../src/auth/password-reset/password-reset-token.entity';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { TestSmtpServer } from './smtp';
import { dispatch, mailingApp } from './support';

const RESET_SUBJECT = 'Gatehouse: reset your password';

describe('password reset by email', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await mailingApp(smtp);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const ask = (email: string) => t.http.post('/api/v1/auth/password-reset').send({ email });
  const confirm = (token: string, newPassword: string) => t.http.post('/api/v1/auth/password-reset/confirm').send({ token, newPassword });
  /** Handles the requests asked so far and sends their mail. */
  const deliver = async () => {
    await t.app.get(PasswordResetService).settled();
    await dispatch(t);
  };
  const tokenIn = (text: string): string => /#token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const resetsTo = (person: TestStaff) => smtp.to(person.email).filter((mail) => mail.subject === RESET_SUBJECT);

  it('202 with the same empty body for a colleague, an unknown address and a leaver; only the colleague gets mail', async () => {
    const colleague = await t.newStaff(['staff']);
    const leaver = await t.newStaff(['staff']);
    await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(await t.adminToken())).send({ reason: 'Left', effectiveAt: t.now().toISOString() });
    const answers = [await ask(colleague.email), await ask('nobody@example.test'), await ask(leaver.email)];
    expect(answers.map((answer) => [answer.status, answer.text])).toEqual([[202, ''], [202, ''], [202, '']]);
    await deliver();
    expect(resetsTo(colleague)).toHaveLength(1);
    expect(resetsTo(leaver)).toEqual([]);
    expect(smtp.to('nobody@example.test')).toEqual([]);
    const mail = resetsTo(colleague)[0];
    expect(mail.text).toContain('https://gatehouse.example.test/reset-password#token=');
    expect(mail.text).toContain('30 minutes');
    // Only the hash is stored.
    const rows = await t.dataSource.getRepository(PasswordResetToken).findBy({ staffId: colleague.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toBe(tokenIn(mail.text));
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the link sets a new password once, revokes every session, and then is used up', async () => {
    const person = await t.newStaff(['staff']);
    const second = await t.login(person.email, person.password);
    await ask(person.email);
    await deliver();
    const token = tokenIn(resetsTo(person)[0].text);
    expect((await confirm(token, 'a brand new long password')).status).toBe(204);
    for (const session of [person.token, second]) expect((await t.http.get('/api/v1/me').set(bearer(session))).status).toBe(401);
    expect(await t.login(person.email, 'a brand new long password')).toEqual(expect.any(String));
    const again = await confirm(token, 'another new long password');
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('RESET_TOKEN_INVALID');
    expect(JSON.stringify(again.body)).not.toContain(token);
  });

  it('400 RESET_TOKEN_INVALID for an unknown or an expired token; a short password is VALIDATION_FAILED', async () => {
    expect((await confirm('not-a-token', 'a brand new long password')).body.code).toBe('RESET_TOKEN_INVALID');
    const person = await t.newStaff(['staff']);
    await ask(person.email);
    await deliver();
    const token = tokenIn(resetsTo(person)[0].text);
    expect((await confirm(token, 'short')).body.code).toBe('VALIDATION_FAILED');
    t.travel(31 * 60_000);
    const late = await confirm(token, 'a brand new long password');
    expect([late.status, late.body.code]).toEqual([400, 'RESET_TOKEN_INVALID']);
    expect(await t.login(person.email, person.password)).toEqual(expect.any(String));
  });

  it('at most 3 emails an hour per address, whatever the case of the address', async () => {
    const person = await t.newStaff(['staff']);
    for (const email of [person.email, person.email.toUpperCase(), person.email, person.email, person.email]) expect((await ask(email)).status).toBe(202);
    await deliver();
    expect(resetsTo(person)).toHaveLength(3);
    t.travel(61 * 60_000);
    await ask(person.email);
    await deliver();
    expect(resetsTo(person)).toHaveLength(4);
  });

  it('an admin sends the same email (202); others may not; a leaver gets none', async () => {
    const person = await t.newStaff(['staff']);
    const manager = await t.newStaff(['manager']);
    const admin = await t.adminToken();
    expect((await t.http.post(`/api/v1/staff/${person.id}/password-reset`).set(bearer(manager.token))).status).toBe(403);
    expect((await t.http.post(`/api/v1/staff/${person.id}/password-reset`).set(bearer(admin))).status).toBe(202);
    expect((await t.http.post('/api/v1/staff/00000000-0000-4000-8000-000000000000/password-reset').set(bearer(admin))).status).toBe(404);
    await dispatch(t);
    const mails = smtp.to(person.email).filter((mail) => mail.subject === 'Gatehouse: set your password');
    expect(mails).toHaveLength(1);
    expect((await confirm(tokenIn(mails[0].text), 'the first real password')).status).toBe(204);
  });

  it('takes as long for an unknown address as for a colleague', async () => {
    const person = await t.newStaff(['staff']);
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await ask(email);
      const took = Number(process.hrtime.bigint() - started) / 1e6;
      await t.app.get(PasswordResetService).settled();
      return took;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 15; i++) {
      known.push(await time(person.email));
      unknown.push(await time(`stranger-${i}@example.test`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // Generous: the two do the same work, so their medians differ by noise only.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(15, median(unknown)));
  });
});
