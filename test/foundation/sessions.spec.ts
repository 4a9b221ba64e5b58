import { bearer, TestApp } from '../support/test-app';
import { StaffMember } from '../../src/staff/staff.entity';

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('logs in with argon2id-stored passwords and hands out an opaque token that is stored only hashed', async () => {
    const alice = await t.newStaff(['staff']);
    const response = await t.http.post('/api/v1/auth/login').send({ email: alice.email.toUpperCase(), password: alice.password });
    expect(response.status).toBe(200);
    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(response.body.staff).toMatchObject({ id: alice.id, email: alice.email, status: 'active' });
    const stored = await t.dataSource.getRepository(StaffMember).findOneByOrFail({ id: alice.id });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const sessions = await t.dataSource.query('SELECT "tokenHash" FROM sessions');
    expect(JSON.stringify(sessions)).not.toContain(response.body.token);
  });

  it('answers INVALID_CREDENTIALS alike for an unknown email, a wrong password and a leaver', async () => {
    const leaver = await t.newStaff(['staff']);
    await t.dataSource.getRepository(StaffMember).update({ id: leaver.id }, { status: 'left', leftAt: new Date().toISOString() });
    const attempts = [
      { email: 'nobody@example.test', password: 'whatever-password' },
      { email: (await t.newStaff(['staff'])).email, password: 'not-the-password' },
      { email: leaver.email, password: leaver.password },
    ];
    for (const attempt of attempts) {
      const response = await t.http.post('/api/v1/auth/login').send(attempt);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String) });
    }
  });

  it('locks an email after 5 failures within 15 minutes, even with the right password, then lets it in again', async () => {
    const bob = await t.newStaff(['staff']);
    for (let i = 0; i < 5; i++) {
      expect((await t.http.post('/api/v1/auth/login').send({ email: bob.email, password: 'wrong-password' })).status).toBe(401);
    }
    const locked = await t.http.post('/api/v1/auth/login').send({ email: bob.email, password: bob.password });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another person's login is unaffected.
    const carol = await t.newStaff(['staff']);
    expect((await t.http.post('/api/v1/auth/login').send({ email: carol.email, password: carol.password })).status).toBe(200);

    t.travel(15 * 60_000 + 1000);
    expect((await t.http.post('/api/v1/auth/login').send({ email: bob.email, password: bob.password })).status).toBe(200);
  });

  it('does not lock after 4 failures and a success resets the count', async () => {
    const dan = await t.newStaff(['staff']);
    for (let i = 0; i < 4; i++) await t.http.post('/api/v1/auth/login').send({ email: dan.email, password: 'wrong-password' });
    expect((await t.http.post('/api/v1/auth/login').send({ email: dan.email, password: dan.password })).status).toBe(200);
    for (let i = 0; i < 4; i++) await t.http.post('/api/v1/auth/login').send({ email: dan.email, password: 'wrong-password' });
    expect((await t.http.post('/api/v1/auth/login').send({ email: dan.email, password: dan.password })).status).toBe(200);
  });

  it('kills the token at once on logout', async () => {
    const erin = await t.newStaff(['staff']);
    expect((await t.http.get('/api/v1/me').set(bearer(erin.token))).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/logout').set(bearer(erin.token))).status).toBe(204);
    const after = await t.http.get('/api/v1/me').set(bearer(erin.token));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('changes the password, revokes the other sessions and keeps this one', async () => {
    const fay = await t.newStaff(['staff']);
    const other = await t.login(fay.email, fay.password);
    const change = await t.http.post('/api/v1/me/password').set(bearer(fay.token)).send({ currentPassword: fay.password, newPassword: 'a much longer new password' });
    expect(change.status).toBe(204);
    expect((await t.http.get('/api/v1/me').set(bearer(other))).status).toBe(401);
    expect((await t.http.get('/api/v1/me').set(bearer(fay.token))).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/login').send({ email: fay.email, password: fay.password })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login').send({ email: fay.email, password: 'a much longer new password' })).status).toBe(200);
  });

  it('refuses a short new password and a wrong current one', async () => {
    const gil = await t.newStaff(['staff']);
    const short = await t.http.post('/api/v1/me/password').set(bearer(gil.token)).send({ currentPassword: gil.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    const wrong = await t.http.post('/api/v1/me/password').set(bearer(gil.token)).send({ currentPassword: 'not-it-at-all', newPassword: 'long enough password' });
    expect(wrong.status).toBe(400);
    expect((await t.http.post('/api/v1/auth/login').send({ email: gil.email, password: gil.password })).status).toBe(200);
  });

  it('refuses a live token on the very next request once the staff member has left or their leaving time passes', async () => {
    const hal = await t.newStaff(['staff']);
    await t.dataSource.getRepository(StaffMember).update({ id: hal.id }, { leavingAt: new Date(t.now().getTime() + 60_000).toISOString() });
    expect((await t.http.get('/api/v1/me').set(bearer(hal.token))).status).toBe(200);
    t.travel(61_000);
    expect((await t.http.get('/api/v1/me').set(bearer(hal.token))).status).toBe(401);

    const ivy = await t.newStaff(['staff']);
    await t.dataSource.getRepository(StaffMember).update({ id: ivy.id }, { status: 'left' });
    expect((await t.http.get('/api/v1/me').set(bearer(ivy.token))).status).toBe(401);
  });

  it('refuses missing, malformed and unknown tokens', async () => {
    expect((await t.http.get('/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http.get('/api/v1/me').set({ Authorization: 'Basic abc' })).status).toBe(401);
    expect((await t.http.get('/api/v1/me').set(bearer('made-up-token'))).status).toBe(401);
  });

  it('expires a session after its lifetime', async () => {
    const jo = await t.newStaff(['staff']);
    t.travel(t.config.sessionTtlHours * 3600_000 + 1000);
    expect((await t.http.get('/api/v1/me').set(bearer(jo.token))).status).toBe(401);
  });
});

describe('the per-session request limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ GATEHOUSE_RATE_LIMIT_PER_MINUTE: '5' })));
  afterAll(() => t.close());

  it('limits one session, not the address, and resets each minute', async () => {
    const a = await t.newStaff(['staff']);
    const b = await t.newStaff(['staff']);
    for (let i = 0; i < 5; i++) expect((await t.http.get('/api/v1/me').set(bearer(a.token))).status).toBe(200);
    const limited = await t.http.get('/api/v1/me').set(bearer(a.token));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect((await t.http.get('/api/v1/me').set(bearer(b.token))).status).toBe(200);
    t.travel(60_000);
    expect((await t.http.get('/api/v1/me').set(bearer(a.token))).status).toBe(200);
  });
});
