import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { oneStatementAtATime } from './one-statement-at-a-time';

const BUSY_TIMEOUT_MS = 3_000;
// More than libuv's thread pool (4 unless UV_THREADPOOL_SIZE says otherwise).
const QUEUED_READS = 8;

describe('two instances on one SQLite file in one process', () => {
  let dir: string;
  const sources: DataSource[] = [];

  const open = async (file: string) => {
    const dataSource = await new DataSource({ type: 'sqlite', database: file, enableWAL: true, busyTimeout: BUSY_TIMEOUT_MS }).initialize();
    oneStatementAtATime(dataSource);
    sources.push(dataSource);
    return dataSource;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gatehouse-serial-'))));
  afterEach(async () => {
    for (const dataSource of sources.splice(0)) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('let the lock holder commit while the other waits for the lock with reads queued behind it', async () => {
    const file = join(dir, 'db.sqlite');
    const holder = await open(file);
    const waiter = await open(file);
    await holder.query('CREATE TABLE notes (text varchar(20))');

    await holder.query('BEGIN IMMEDIATE');
    await holder.query("INSERT INTO notes VALUES ('first')");
    const began = Date.now();
    const waiting = waiter.query('BEGIN IMMEDIATE').then(() => Date.now() - began);
    const reads = Array.from({ length: QUEUED_READS }, () => waiter.query('SELECT count(*) AS n FROM notes'));
    await new Promise((resolve) => setTimeout(resolve, 100));

    await holder.query('COMMIT');
    const waitedMs = await waiting;
    await waiter.query("INSERT INTO notes VALUES ('second')");
    await waiter.query('COMMIT');
    await Promise.all(reads);

    expect(waitedMs).toBeLessThan(BUSY_TIMEOUT_MS);
    expect(await holder.query('SELECT text FROM notes ORDER BY rowid')).toEqual([{ text: 'first' }, { text: 'second' }]);
  });
});
