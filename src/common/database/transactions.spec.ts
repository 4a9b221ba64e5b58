import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Database } from 'sqlite3';
import { DataSource } from 'typeorm';
import { standaloneTransactions } from './standalone-transactions';
import { Transactions } from './transactions';

const exec = (db: Database, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));

describe('Transactions on SQLite', () => {
  let dir: string;
  let dataSource: DataSource;
  let other: Database;
  let transactions: Transactions;

  /** A database file, this process's data source on it, and `other`: a second connection, as another process would have. */
  const open = async (busyTimeout: number) => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-tx-'));
    const file = join(dir, 'db.sqlite');
    dataSource = await new DataSource({ type: 'sqlite', database: file, enableWAL: true, busyTimeout }).initialize();
    await dataSource.query('CREATE TABLE notes (text varchar(20))');
    other = new Database(file);
    transactions = standaloneTransactions(dataSource);
  };
  afterEach(async () => {
    await new Promise((resolve) => other.close(resolve));
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the write lock at BEGIN: while another process writes, the transaction does not even start reading', async () => {
    await open(5_000);
    await exec(other, 'BEGIN IMMEDIATE');
    await exec(other, "INSERT INTO notes VALUES ('theirs')");
    let releasedAt = 0;
    setTimeout(() => void exec(other, 'COMMIT').then(() => (releasedAt = Date.now())), 200);
    // A deferred BEGIN would read at once, see no notes, and then fail to write (a stale snapshot).
    const seen = await transactions.run(async (manager) => {
      const startedAt = Date.now();
      const rows = await manager.query('SELECT text FROM notes');
      await manager.query("INSERT INTO notes VALUES ('ours')");
      return { startedAt, rows };
    });
    expect(releasedAt).toBeGreaterThan(0);
    expect(seen.startedAt).toBeGreaterThanOrEqual(releasedAt);
    expect(seen.rows).toEqual([{ text: 'theirs' }]);
    expect(await dataSource.query('SELECT text FROM notes')).toEqual([{ text: 'theirs' }, { text: 'ours' }]);
  });

  it('fails with SQLITE_BUSY, writing nothing, when the lock stays taken past the busy timeout', async () => {
    await open(100);
    await exec(other, 'BEGIN IMMEDIATE');
    await expect(transactions.run((manager) => manager.query("INSERT INTO notes VALUES ('lost')"))).rejects.toThrow(/SQLITE_BUSY/);
    await exec(other, 'ROLLBACK');
    expect(await dataSource.query('SELECT text FROM notes')).toEqual([]);
  });

  it('is usable again after a BEGIN that failed: the next transaction commits', async () => {
    await open(100);
    await exec(other, 'BEGIN IMMEDIATE');
    await expect(transactions.run((manager) => manager.query('SELECT 1'))).rejects.toThrow(/SQLITE_BUSY/);
    await exec(other, 'ROLLBACK');
    await transactions.run((manager) => manager.query("INSERT INTO notes VALUES ('kept')"));
    expect(await dataSource.query('SELECT text FROM notes')).toEqual([{ text: 'kept' }]);
  });

  it('rolls back everything a failing transaction wrote', async () => {
    await open(100);
    await expect(
      transactions.run(async (manager) => {
        await manager.query("INSERT INTO notes VALUES ('half')");
        throw new Error('rule refused');
      }),
    ).rejects.toThrow('rule refused');
    expect(await dataSource.query('SELECT text FROM notes')).toEqual([]);
  });
});
