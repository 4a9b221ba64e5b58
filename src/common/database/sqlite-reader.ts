import BetterSqlite3 from 'better-sqlite3';
import { DataSource, QueryResult, QueryRunner } from 'typeorm';

const MAX_PREPARED = 500;

/**
 * A read-only connection to the SQLite file beside TypeORM's one writing connection. In WAL mode a reader
 * never waits for the write lock, so its synchronous calls cannot hold the event loop behind another
 * instance's open transaction (SQLITE_BUSY on a read only arises while a connection recovers the WAL, for
 * a moment; the timeout bounds it). It answers committed state, which is all the writer's connection holds
 * too whenever no transaction is open on it.
 */
export class SqliteReader {
  private connection: BetterSqlite3.Database | null = null;
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly file: string) {}

  all(sql: string, params: readonly unknown[]): unknown[] {
    const { statement, columns } = this.statement(sql);
    return (statement.all(...params) as unknown[][]).map((values) => asRow(columns, values));
  }

  get(sql: string, params: readonly unknown[]): unknown {
    const { statement, columns } = this.statement(sql);
    const values = statement.get(...params) as unknown[] | undefined;
    return values && asRow(columns, values);
  }

  close(): void {
    this.prepared.clear();
    this.connection?.close();
    this.connection = null;
  }

  private statement(sql: string): Prepared {
    let prepared = this.prepared.get(sql);
    if (!prepared) {
      this.connection ??= new BetterSqlite3(this.file, { readonly: true, fileMustExist: true, timeout: 1000 });
      if (this.prepared.size >= MAX_PREPARED) this.prepared.clear();
      // Rows come back as arrays and are named here: better-sqlite3 building each row's object itself took
      // twice as long for a page of wide rows.
      const statement = this.connection.prepare(sql).raw(true);
      prepared = { statement, columns: statement.columns().map((column) => column.name) };
      this.prepared.set(sql, prepared);
    }
    return prepared;
  }
}

interface Prepared {
  statement: BetterSqlite3.Statement;
  columns: string[];
}

function asRow(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
  return row;
}

const READERS = new WeakMap<DataSource, SqliteReader>();

/** The reader of a SQLite file's data source; null for PostgreSQL and in-memory databases (one connection only). */
export function sqliteReaderOf(dataSource: DataSource): SqliteReader | null {
  return READERS.get(dataSource) ?? null;
}

/**
 * Sends TypeORM's SELECTs made outside a transaction to the reader. Inside one they stay on the writing
 * connection (which then sees the transaction's own writes). Call after migrations: the file is in WAL mode.
 */
export function readBesideTheWriter(dataSource: DataSource): void {
  const options = dataSource.options;
  if (options.type !== 'sqlite' || options.database === ':memory:') return;
  const reader = new SqliteReader(options.database);
  READERS.set(dataSource, reader);
  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    const bindable = !runner.isTransactionActive && dataSource.isInitialized && /^\s*SELECT\s/i.test(sql) ? asBindable(parameters ?? []) : null;
    if (!bindable) return query(sql, parameters, structured);
    dataSource.logger.logQuery(sql, parameters, runner);
    const rows = reader.all(sql, bindable);
    if (!structured) return rows;
    const result = new QueryResult();
    result.raw = rows;
    result.records = rows;
    return result;
  }) as QueryRunner['query'];
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    reader.close();
    await destroy();
  };
}

/** Parameters as node-sqlite3 would bind them, or null when one is of a kind better left to it. */
function asBindable(parameters: readonly unknown[]): unknown[] | null {
  const bound: unknown[] = [];
  for (const value of parameters) {
    if (value === null || value === undefined) bound.push(null);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || Buffer.isBuffer(value)) bound.push(value);
    else if (typeof value === 'boolean') bound.push(value ? 1 : 0);
    else if (value instanceof Date) bound.push(value.getTime());
    else return null;
  }
  return bound;
}
