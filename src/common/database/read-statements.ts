import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { sqliteReaderOf } from './sqlite-reader';

/**
 * Hot read paths (the per-request session re-check) as prepared statements, without TypeORM's query
 * building or entity hydration: on a SQLite file through the reader beside the writer, on PostgreSQL as
 * a named statement each pooled connection prepares once.
 */
@Injectable()
export class ReadStatements {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first row `sql` (with `?` placeholders) yields, or undefined. `name` identifies the statement. */
  async one<Row>(name: string, sql: string, params: unknown[]): Promise<Row | undefined> {
    if (this.dataSource.options.type === 'postgres') {
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      const result = await pool.query({ name, text: numberedPlaceholders(sql), values: params });
      return result.rows[0] as Row | undefined;
    }
    const reader = sqliteReaderOf(this.dataSource);
    if (reader && this.dataSource.isInitialized) return reader.get(sql, params) as Row | undefined;
    const rows: Row[] = await this.dataSource.query(sql, params);
    return rows[0];
  }
}

function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
