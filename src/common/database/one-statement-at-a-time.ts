import { DataSource } from 'typeorm';
import type { Database } from 'sqlite3';

/**
 * node-sqlite3 hands a connection's statements to libuv's small thread pool all at once, yet SQLite runs
 * one at a time per connection and the others block their threads. When a BEGIN IMMEDIATE waits (busy
 * timeout) for another instance's write lock, its connection's queued reads can fill the pool; the other
 * instance's COMMIT then finds no thread, and the wait ends in SQLITE_BUSY. Queued in JavaScript instead,
 * a waiting connection holds a single thread.
 */
export function oneStatementAtATime(dataSource: DataSource): void {
  if (dataSource.options.type !== 'sqlite') return;
  (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection.serialize();
}
