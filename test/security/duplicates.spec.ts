import { Database } from 'sqlite3';
import { Client } from 'pg';
import { createAccount } from '../governance/fixtures';
import { TEST_DB_KIND } from '../support/test-database';
import { bearer } from '../support/test-app';
import { useApp } from '../support/world';
import { UNIQUE_KEYS, uniqueKeyFor } from '../../src/common/database/unique-keys';
import { uniqueViolation } from '../../src/common/database/unique-violation';

/**
 * Concurrent duplicates get the rule's own answer, never a 500: PostgreSQL runs the requests in
 * parallel, so both pass the rule's check and the unique index refuses the second write.
 */
const RACERS = 8;

describe('concurrent duplicates', () => {
  const t = useApp();
  let admin: string;
  beforeAll(async () => (admin = await t.adminToken()));

  const times = <T>(count: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, i) => make(i)));

  it('acknowledges a policy once: concurrent acknowledgements all answer with the same acknowledgement', async () => {
    const created = await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'ack-race', title: 'Policy', text: 'Post with care.' });
    expect(created.status).toBe(201);
    const colleague = await t.newStaff(['staff']);
    const responses = await times(RACERS, () => t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(colleague.token)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(RACERS - 1).fill(200)].sort());
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses[0].body).toEqual({ policyVersion: 'ack-race', acknowledgedAt: expect.any(String) });
    const report = await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(admin));
    expect(report.body.acknowledged.filter((a: { staffId: string }) => a.staffId === colleague.id)).toHaveLength(1);
  });

  it('creates a policy version once: the other requests answer 409 VERSION_EXISTS', async () => {
    const responses = await times(RACERS, (i) => t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'version-race', title: `Attempt ${i}`, text: 'Post with care.' }));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(RACERS - 1).fill([409, 'VERSION_EXISTS']));
  });

  it('creates a staff member once per email, whatever its case: the others answer 409 EMAIL_TAKEN', async () => {
    const emails = ['Race@Example.test', 'race@example.test', 'RACE@EXAMPLE.TEST', 'race@EXAMPLE.test'];
    const responses = await times(emails.length, (i) =>
      t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: emails[i], displayName: `Racer ${i}`, roles: ['staff'], password: 'a long enough password' }),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 201).map((r) => [r.status, r.body.code])).toEqual(Array(emails.length - 1).fill([409, 'EMAIL_TAKEN']));
  });

  /**
   * Another writer inserts the email and holds its transaction open while the request runs: the request's
   * own check cannot see the row, its insert waits on the unique index (PostgreSQL) and collides when the
   * writer commits. The answer must still be the rule's.
   */
  async function withUncommittedStaff(email: string, during: () => Promise<void>): Promise<void> {
    const now = new Date().toISOString();
    const values = ['a9a9a9a9-0000-4000-8000-000000000001', email, email.toLowerCase(), 'Other writer', '["staff"]', 'active', now, now];
    const columns = '"id", "email", "emailKey", "displayName", "roles", "status", "createdAt", "updatedAt"';
    if (TEST_DB_KIND === 'postgres') {
      const client = new Client({ connectionString: t.database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO staff (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, values);
        await during();
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      return;
    }
    const db = new Database(t.database.url.replace(/^sqlite:/, ''));
    try {
      await new Promise<void>((resolve, reject) => db.run(`INSERT INTO staff (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, values, (error) => (error ? reject(error) : resolve())));
      await during();
    } finally {
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }
  }

  /** Resolves once a request of the app waits for a lock on PostgreSQL (SQLite requests queue in-process: nothing to wait for). */
  async function someoneWaitsForALock(): Promise<void> {
    if (TEST_DB_KIND !== 'postgres') return;
    const database = new URL(t.database.url).pathname.slice(1);
    for (;;) {
      const rows = await t.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('answers 409 EMAIL_TAKEN when the same email is committed between the rule’s check and its insert', async () => {
    let pending!: Promise<{ status: number; body: any }>;
    await withUncommittedStaff('Between@example.test', async () => {
      pending = t.http
        .post('/api/v1/staff')
        .set(bearer(admin))
        .send({ email: 'between@EXAMPLE.test', displayName: 'Late', roles: ['staff'], password: 'a long enough password' })
        .then((response) => response);
      await Promise.race([someoneWaitsForALock(), pending]);
    });
    const response = await pending;
    expect([response.status, response.body.code]).toEqual([409, 'EMAIL_TAKEN']);
    const staff = await t.http.get('/api/v1/staff?limit=200').set(bearer(admin));
    expect(staff.body.items.filter((s: { email: string }) => s.email.toLowerCase() === 'between@example.test')).toHaveLength(1);
  });

  it('adds a platform admin once: concurrent additions answer 201 once and 200 after', async () => {
    const manager = await t.newStaff(['manager']);
    const colleague = await t.newStaff(['staff']);
    const account = await createAccount(t, manager.id);
    const responses = await times(RACERS, () => t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(admin)).send({ staffId: colleague.id }));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(RACERS - 1).fill(200)].sort());
  });

  it('knows the rule of every unique index and natural primary key in the schema', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      const tables = await runner.getTables((await runner.getTables()).map((table) => table.name));
      const keys = tables.flatMap((table) => {
        const primary = table.primaryColumns.map((column) => column.name);
        // Random UUID ids cannot collide; every other primary key is a rule.
        const naturalPrimary = primary.length === 1 && primary[0] === 'id' && table.findColumnByName('id')?.type !== 'integer' ? [] : [primary];
        const unique = [...table.indices.filter((index) => index.isUnique), ...table.uniques].map((index) => index.columnNames);
        return [...naturalPrimary, ...unique].filter((columns) => columns.length > 0).map((columns) => ({ table: table.name, columns }));
      });
      // Gatehouse's own tables: not TypeORM's bookkeeping, SQLite's internals or PostgreSQL's catalogs (schema-qualified).
      const domainKeys = keys.filter((key) => !['migrations', 'typeorm_metadata'].includes(key.table) && !key.table.startsWith('sqlite_') && !key.table.includes('.'));
      expect(domainKeys.filter((key) => !uniqueKeyFor(key))).toEqual([]);
      expect(UNIQUE_KEYS.filter((known) => !domainKeys.some((key) => uniqueKeyFor(key) === known))).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('recognises the driver’s unique-violation error, naming the table and columns', async () => {
    const row = { id: 'ffffffff-0000-4000-8000-000000000001', policyVersion: 'ack-race', staffId: await t.adminId(), acknowledgedAt: new Date().toISOString() };
    const insert = (id: string) =>
      t.dataSource.createQueryBuilder().insert().into('policy_acknowledgements').values({ ...row, id }).execute();
    await insert(row.id);
    const error = await insert('ffffffff-0000-4000-8000-000000000002').then(
      () => null,
      (e: unknown) => e,
    );
    expect(uniqueViolation(error)).toEqual({ table: 'policy_acknowledgements', columns: expect.arrayContaining(['policyVersion', 'staffId']) });
    expect(uniqueViolation(new Error('connection refused'))).toBeNull();
  });
});
