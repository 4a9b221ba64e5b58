import { REAL_PASSWORD_HASHING, TestApp, TestStaff } from '../support/test-app';
import { closeAgents, login, statusCounts, whenQueued } from './support';

/** The one bound on time the issue names: a colleague's sign-in during a flood answers within 2 s. */
const COLLEAGUE_BOUND_MS = 2000;

describe('a login flood does not lock everyone out', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start(REAL_PASSWORD_HASHING)));
  afterAll(async () => {
    closeAgents();
    await t.close();
  });

  const flood = (from?: string) =>
    Array.from({ length: 100 }, (_, i) => login(t, `flood-${i}-${Math.random().toString(36).slice(2)}@example.test`, `guess number ${i}`, from));

  function expectShedOrRefused(responses: Awaited<ReturnType<typeof login>>[]) {
    const counts = statusCounts(responses);
    expect(Object.keys(counts).sort()).toEqual(['401', '429']);
    // Only a short queue's worth of the flood reached argon2; the rest were refused at once.
    expect(counts[401]).toBeLessThanOrEqual(t.config.login.queue + 2 * t.config.login.argon2Concurrency);
    for (const refused of responses.filter((r) => r.status === 429)) {
      expect(refused.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  }

  async function expectSignedInWithinBound(colleague: TestStaff, from?: string): Promise<void> {
    const started = Date.now();
    const signedIn = await login(t, colleague.email, colleague.password, from);
    expect(signedIn.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(COLLEAGUE_BOUND_MS);
  }

  it('signs a colleague at the same address in within 2 s once 100 unknown-email logins have arrived', async () => {
    const colleague = await t.newStaff(['staff']);
    const arrived = whenQueued(t, 100);
    const flooding = Promise.all(flood());
    await arrived;
    await expectSignedInWithinBound(colleague);
    expectShedOrRefused(await flooding);
  });

  it('signs a colleague at another address in within 2 s once the flood from 127.0.0.1 has arrived', async () => {
    const colleague = await t.newStaff(['staff']);
    const arrived = whenQueued(t, 100);
    const flooding = Promise.all(flood('127.0.0.1'));
    await arrived;
    await expectSignedInWithinBound(colleague, '127.0.0.2');
    expectShedOrRefused(await flooding);
  });

  it('answers an unknown and a known email alike, when wrong and when locked', async () => {
    const kim = await t.newStaff(['staff']);
    const unknown = `no-such-person-${kim.id.slice(0, 8)}@example.test`;
    const shape = (r: Awaited<ReturnType<typeof login>>) => ({
      status: r.status,
      body: r.body,
      retryAfter: r.headers['retry-after'] !== undefined,
      contentType: r.headers['content-type'],
    });
    for (let i = 0; i < 5; i++) {
      expect(shape(await login(t, unknown, `attempt ${i}`))).toEqual(shape(await login(t, kim.email, `attempt ${i}`)));
    }
    const lockedUnknown = await login(t, unknown, 'attempt 6');
    expect(lockedUnknown.status).toBe(429);
    expect(shape(lockedUnknown)).toEqual(shape(await login(t, kim.email, kim.password)));
  });
});
