import { DataSource } from 'typeorm';
import { StoredEntry } from '../../src/audit/audit-chain-reader';
import { EXPORT_COLUMNS as COLUMNS } from '../../src/audit/audit-export';
import { TEST_DB_KIND } from '../support/test-database';

export type Row = StoredEntry;

const quoted = COLUMNS.map((column) => `"${column}"`).join(', ');

/**
 * What someone who can write the database does: plain SQL on audit_entries through the driver,
 * past every rule of the application.
 */
export class DatabaseWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** `?` placeholders on both databases. */
  sql(text: string, params: unknown[] = []): Promise<unknown> {
    let index = 0;
    return this.dataSource.query(TEST_DB_KIND === 'postgres' ? text.replace(/\?/g, () => `$${++index}`) : text, params);
  }

  async rows(): Promise<Row[]> {
    const rows = (await this.sql(`SELECT ${quoted} FROM audit_entries ORDER BY id`)) as Row[];
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async insert(row: Row): Promise<void> {
    await this.sql(`INSERT INTO audit_entries (${quoted}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map((column) => row[column]));
  }

  async update(id: number, fields: Partial<Omit<Row, 'id'>>): Promise<void> {
    const names = Object.keys(fields) as (keyof typeof fields)[];
    await this.sql(`UPDATE audit_entries SET ${names.map((name) => `"${name}" = ?`).join(', ')} WHERE id = ?`, [...names.map((name) => fields[name]), id]);
  }

  async deleteFrom(id: number): Promise<void> {
    await this.sql('DELETE FROM audit_entries WHERE id >= ?', [id]);
  }

  async deleteOne(id: number): Promise<void> {
    await this.sql('DELETE FROM audit_entries WHERE id = ?', [id]);
  }

  /** Runs a tampering and puts the genuine rows back afterwards, so each case starts from an intact chain. */
  async tampering(work: (genuine: Row[]) => Promise<void>): Promise<void> {
    const genuine = await this.rows();
    try {
      await work(genuine);
    } finally {
      await this.sql('DELETE FROM audit_entries');
      for (const row of genuine) await this.insert(row);
    }
  }
}
