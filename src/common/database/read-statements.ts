import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { sqliteReaderOf } from './sqlite-reader';

/**
 * Hot read paths (the per-request session re-check, the accounts list) as prepared statements, without
 * TypeORM's query building or entity hydration: on a SQLite file through the reader beside the writer, on
 * PostgreSQL as a named statement each pooled connection prepares once. Given a transaction's manager, the
 * statement runs in that transaction instead, so it sees the transaction's own writes.
 */
@Injectable()
export class ReadStatements {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first row `sql` (with `?` placeholders) yields, or undefined. `name` identifies the statement. */
  async one<Row>(name: string, sql: string, params: unknown[], manager?: EntityManager): Promise<Row | undefined> {
    const sqlite = this.sqliteReader(manager);
    if (sqlite) return sqlite.get(sql, params) as Row | undefined;
    return (await this.all<Row>(name, sql, params, manager))[0];
  }

  /** Every row `sql` yields. */
  async all<Row>(name: string, sql: string, params: unknown[], manager?: EntityManager): Promise<Row[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    if (manager?.queryRunner?.isTransactionActive) return manager.query(postgres ? numberedPlaceholders(sql) : sql, params);
    if (postgres) {
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      return (await pool.query({ name, text: numberedPlaceholders(sql), values: params })).rows as Row[];
    }
    const sqlite = this.sqliteReader(manager);
    if (sqlite) return sqlite.all(sql, params) as Row[];
    return this.dataSource.query(sql, params);
  }

  /**
   * `expression` is one of a list given as one parameter (`anyOfParam`): an array on PostgreSQL, JSON on
   * SQLite, so the statement's text, and its name, stay the same whatever the list's length.
   */
  isAnyOf(expression: string): string {
    return this.dataSource.options.type === 'postgres' ? `${expression} = ANY(?)` : `${expression} IN (SELECT value FROM json_each(?))`;
  }

  anyOfParam(values: readonly string[]): unknown {
    return this.dataSource.options.type === 'postgres' ? values : JSON.stringify(values);
  }

  private sqliteReader(manager: EntityManager | undefined) {
    if (manager?.queryRunner?.isTransactionActive) return null;
    return this.dataSource.isInitialized ? sqliteReaderOf(this.dataSource) : null;
  }
}

const NUMBERED = new Map<string, string>();
const MAX_NUMBERED = 500;

/** `?` placeholders as PostgreSQL's `$1, $2, ...`, converted once per statement text. */
function numberedPlaceholders(sql: string): string {
  let numbered = NUMBERED.get(sql);
  if (numbered === undefined) {
    let n = 0;
    numbered = sql.replace(/\?/g, () => `$${++n}`);
    if (NUMBERED.size >= MAX_NUMBERED) NUMBERED.clear();
    NUMBERED.set(sql, numbered);
  }
  return numbered;
}
