import { DataSource } from 'typeorm';

// An arbitrary, fixed key: every Gatehouse instance contends for the same PostgreSQL advisory lock.
const MIGRATION_LOCK_KEY = 7_204_318_551;

/**
 * Runs pending migrations. On PostgreSQL several instances may start together, so they queue on a
 * session-level advisory lock and the later ones find nothing left to run.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}
