import { EntityManager } from 'typeorm';

/**
 * Runs one statement written with TypeORM's `:name` / `:...list` parameters, for the few set-based
 * statements the query builder cannot express (INSERT ... SELECT). Identifiers are double-quoted,
 * which SQLite and PostgreSQL both accept.
 */
export async function runNamed(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return manager.query(query, values);
}

/** A fresh UUID computed by the database, so one statement can insert many rows. */
export function sqlUuid(manager: EntityManager): string {
  if (manager.connection.options.type === 'postgres') return 'CAST(gen_random_uuid() AS varchar)';
  const hex = (bytes: number) => `lower(hex(randomblob(${bytes})))`;
  return `(${hex(4)} || '-' || ${hex(2)} || '-4' || substr(${hex(2)}, 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(${hex(2)}, 2) || '-' || ${hex(6)})`;
}
