import { Logger } from '@nestjs/common';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { LoginAttempt } from '../../src/auth/login-attempt.entity';
import { Session } from '../../src/auth/session.entity';
import { StaffMember } from '../../src/staff/staff.entity';
import { bearer, REAL_PASSWORD_HASHING, TestApp, TestStaff } from '../support/test-app';
import { closeAgents, login, statusCounts, whenQueued } from './support';

describe('login lockout under concurrency', () => {
  let t: TestApp;
  // A queue long enough that no attempt is shed for load: here every answer is the lockout's own.
  beforeAll(async () => (t = await TestApp.start({ ...REAL_PASSWORD_HASHING, GATEHOUSE_LOGIN_QUEUE: '200', GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS: '200' })));
  afterAll(async () => {
    closeAgents();
    await t.close();
  });

  const changePassword = (who: TestStaff, currentPassword: string) =>
    t.http.post('/api/v1/me/password').set(bearer(who.token)).send({ currentPassword, newPassword: 'a brand new long password' });

  it('checks only 5 of 60 wrong passwords sent at once, then refuses the right one with 429', async () => {
    const victim = await t.newStaff(['staff']);
    const arrived = whenQueued(t, 60);
    const wrong = Array.from({ length: 60 }, (_, i) => login(t, victim.email, `wrong password ${i}`));
    await arrived;
    const right = login(t, victim.email, victim.password);
    const responses = await Promise.all([...wrong, right]);

    expect(statusCounts(responses)).toEqual({ 401: 5, 429: 56 });
    for (const refused of responses.filter((r) => r.status === 429)) {
      expect(refused.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await right).status).toBe(429);
    expect((await login(t, victim.email, victim.password)).status).toBe(429);
    expect(await t.dataSource.getRepository(LoginAttempt).countBy({ emailKey: victim.email, succeeded: false })).toBe(5);
  });

  it('lets exactly one more attempt be checked after 4 failures, however many are sent at once', async () => {
    const victim = await t.newStaff(['staff']);
    for (let i = 0; i < 4; i++) expect((await login(t, victim.email, `earlier wrong ${i}`)).status).toBe(401);
    const responses = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => login(t, victim.email, `wrong password ${i}`)),
      login(t, victim.email, victim.password),
    ]);
    const counts = statusCounts(responses);
    // The one attempt checked may be the right password (4 failures do not lock) or a wrong one.
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(1);
    expect(counts[429]).toBe(60);
    // newStaff signed in once; a second session exists only if the right password was the one checked.
    expect(await t.dataSource.getRepository(Session).countBy({ staffId: victim.id })).toBe(1 + (counts[200] ?? 0));
  });

  it('counts wrong current passwords on POST /me/password towards the same lockout', async () => {
    const fay = await t.newStaff(['staff']);
    const wrong = await Promise.all(Array.from({ length: 20 }, (_, i) => changePassword(fay, `not my password ${i}`)));
    expect(statusCounts(wrong)).toEqual({ 400: 5, 429: 15 });
    expect(wrong.find((r) => r.status === 400)!.body.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    expect((await login(t, fay.email, fay.password)).status).toBe(429);
    const withRightPassword = await changePassword(fay, fay.password);
    expect(withRightPassword.status).toBe(429);
    expect(withRightPassword.body.code).toBe('RATE_LIMITED');
    const stored = await t.dataSource.getRepository(StaffMember).findOneByOrFail({ id: fay.id });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    // Her session still works and her password is unchanged once the lock has passed.
    t.travel(15 * 60_000 + 1000);
    expect((await t.http.get('/api/v1/me').set(bearer(fay.token))).status).toBe(200);
    expect((await login(t, fay.email, fay.password)).status).toBe(200);
  });

  it('mixes failed sign-ins and wrong current passwords in one count', async () => {
    const gus = await t.newStaff(['staff']);
    for (let i = 0; i < 3; i++) expect((await changePassword(gus, `wrong current ${i}`)).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await login(t, gus.email.toUpperCase(), `wrong sign-in ${i}`)).status).toBe(401);
    expect((await login(t, gus.email, gus.password)).status).toBe(429);
  });
});

describe('a failed sign-in leaves an audit entry and a log line, and nothing else', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start(REAL_PASSWORD_HASHING)));
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const secret = 'Sup3r-Secret-Guess-9431';

  async function snapshot(staffId: string) {
    return {
      staff: await t.dataSource.getRepository(StaffMember).findOneByOrFail({ id: staffId }),
      sessions: await t.dataSource.query('SELECT id FROM sessions'),
      lastAuditId: (await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 }))[0].id,
    };
  }

  /** Runs `attempt` and checks it left exactly one session.login_failed entry and a log line, and changed nothing else. */
  async function expectOnlyFailureRecorded(
    staffId: string,
    attempt: () => Promise<void>,
    expected: { email: string; password: string; reason: string; actorId: string | null; subjectId: string | null },
  ): Promise<void> {
    const before = await snapshot(staffId);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    await attempt();
    const after = await snapshot(staffId);
    expect(after.staff).toEqual(before.staff);
    expect(after.sessions).toEqual(before.sessions);
    const entries = await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    const added = entries.filter((entry) => entry.id > before.lastAuditId);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'session.login_failed', actorId: expected.actorId, subjectId: expected.subjectId });
    expect(JSON.parse(added[0].details)).toMatchObject({ email: expected.email, reason: expected.reason });
    expect(JSON.stringify(entries)).not.toContain(expected.password);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain(expected.email);
    expect(logged).not.toContain(expected.password);
  }

  it.each([
    ['a wrong password', 'known'],
    ['an unknown email', 'unknown'],
  ])('after %s', async (_label, which) => {
    const hal = await t.newStaff(['staff']);
    const email = which === 'known' ? hal.email : `nobody-${hal.id.slice(0, 8)}@example.test`;
    await expectOnlyFailureRecorded(hal.id, async () => expect((await login(t, email, secret)).status).toBe(401), {
      email,
      password: secret,
      reason: which === 'known' ? 'wrong_password' : 'unknown_email',
      actorId: null,
      subjectId: which === 'known' ? hal.id : null,
    });
  });

  it('after a lockout, with the right password', async () => {
    const ivy = await t.newStaff(['staff']);
    for (let i = 0; i < 5; i++) await login(t, ivy.email, `${secret}-${i}`);
    await expectOnlyFailureRecorded(ivy.id, async () => expect((await login(t, ivy.email, ivy.password)).status).toBe(429), {
      email: ivy.email,
      password: ivy.password,
      reason: 'locked',
      actorId: null,
      subjectId: ivy.id,
    });
  });

  it('after a wrong current password', async () => {
    const jo = await t.newStaff(['staff']);
    const change = () => t.http.post('/api/v1/me/password').set(bearer(jo.token)).send({ currentPassword: secret, newPassword: 'another long password' });
    await expectOnlyFailureRecorded(jo.id, async () => expect((await change()).status).toBe(400), {
      email: jo.email,
      password: secret,
      reason: 'wrong_current_password',
      actorId: jo.id,
      subjectId: jo.id,
    });
  });
});
