import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import { StaffMember } from '../../src/staff/staff.entity';
import { cast, createAccount } from '../governance/fixtures';
import { bearer, TestApp } from '../support/test-app';

/** The SQL of a counted call: the first argument (a string, or pg's `{text}`), or a prepared statement's source. */
function sqlOf(args: unknown[], self: unknown): string {
  const first = args[0] as { text?: unknown } | string | undefined;
  if (typeof first === 'string') return first;
  if (first && typeof first.text === 'string') return first.text;
  return String((self as { source?: unknown } | undefined)?.source ?? '');
}

// The content rules are re-read every second on a timer of their own (content-rules-store.ts): not the request's.
const BACKGROUND = /"?content_rules"?|"?protected_names"?/i;

/**
 * Counts the SQL statements every driver in the process executes: node-sqlite3 (TypeORM's connection),
 * better-sqlite3 (the reader beside it) and pg (TypeORM's pool and prepared statements alike), leaving out
 * the content rules' own poll, which a slow request on a busy machine may overlap.
 */
function countStatements(): { count: () => number; restore: () => void } {
  const probe = new BetterSqlite3(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const spies = [
    ...(['run', 'all', 'get', 'each', 'exec', 'prepare'] as const).map((method) => jest.spyOn(sqlite3.Database.prototype, method)),
    ...['run', 'all', 'get', 'iterate'].map((method) => jest.spyOn(statementPrototype as never, method as never)),
    jest.spyOn(Client.prototype, 'query'),
  ];
  return {
    count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.filter((args, call) => !BACKGROUND.test(sqlOf(args, spy.mock.contexts[call]))).length, 0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

describe('the per-request session re-check', () => {
  let t: TestApp;
  // No background polling of the outbox while statements are counted.
  beforeAll(async () => (t = await TestApp.start({ GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000' })));
  afterAll(() => t.close());

  /**
   * The statements one request costs: the least of three tries, so that a statement something else in the app
   * issued meanwhile (it does not come back every time) is not counted, while the request's own always are.
   */
  async function statementsFor(token: string, path: string, expectedStatus: number): Promise<number> {
    // Once unmeasured, so that nothing first-time (a statement being prepared) is counted.
    await t.http.get(path).set(bearer(token));
    let least = Infinity;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const counter = countStatements();
      try {
        const response = await t.http.get(path).set(bearer(token));
        expect(response.status).toBe(expectedStatus);
        least = Math.min(least, counter.count());
      } finally {
        counter.restore();
      }
    }
    return least;
  }


  it('costs one SQL statement: a signed-in caller refused by the role check', async () => {
    const carer = await t.newStaff(['staff']);
    expect(await statementsFor(carer.token, '/api/v1/audit', 403)).toBe(1);
  });

  it('still refuses, in one statement, a revoked session, a leaver and a staff member whose leaving time has passed', async () => {
    const revoked = await t.newStaff(['staff']);
    expect((await t.http.post('/api/v1/auth/logout').set(bearer(revoked.token))).status).toBe(204);
    expect(await statementsFor(revoked.token, '/api/v1/audit', 401)).toBe(1);

    const leaver = await t.newStaff(['staff']);
    await t.dataSource.getRepository(StaffMember).update({ id: leaver.id }, { status: 'left' });
    expect(await statementsFor(leaver.token, '/api/v1/audit', 401)).toBe(1);

    const leaving = await t.newStaff(['staff']);
    await t.dataSource.getRepository(StaffMember).update({ id: leaving.id }, { leavingAt: new Date(t.now().getTime() + 60_000).toISOString() });
    expect(await statementsFor(leaving.token, '/api/v1/audit', 403)).toBe(1);
    t.travel(61_000);
    expect(await statementsFor(leaving.token, '/api/v1/audit', 401)).toBe(1);
  });

  it('answers GET /me in two statements: the re-check and the profile', async () => {
    const carer = await t.newStaff(['staff']);
    expect(await statementsFor(carer.token, '/api/v1/me', 200)).toBe(2);
  });

  it('answers a page of GET /accounts in four statements whatever its length: the re-check, the page, its platform admins and its DPIAs', async () => {
    const c = await cast(t);
    for (let i = 0; i < 3; i++) await createAccount(t, c.manager.id);
    expect(await statementsFor(c.admin, '/api/v1/accounts', 200)).toBe(4);
  });

  it('sees a role change on the very next request', async () => {
    const promoted = await t.newStaff(['staff']);
    expect((await t.http.get('/api/v1/audit').set(bearer(promoted.token))).status).toBe(403);
    await t.dataSource.getRepository(StaffMember).update({ id: promoted.id }, { roles: ['manager'] });
    expect((await t.http.get('/api/v1/audit').set(bearer(promoted.token))).status).toBe(200);
  });
});
