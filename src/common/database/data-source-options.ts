import { DataSourceOptions } from 'typeorm';
import sqlite3 from 'sqlite3';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One description of the database for the app, the tests and the TypeORM CLI. Never synchronize. */
export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return { ...common, type: 'sqlite', driver: quietSqlite3, database: database.path, enableWAL: true, busyTimeout: 10_000, migrationsTransactionMode: 'each' };
  }
  return { ...common, type: 'postgres', url: database.url, migrationsTransactionMode: 'each', extra: { max: 20 } };
}

/**
 * TypeORM calls the driver's verbose(), which wraps every node-sqlite3 call to build an Error and a stack for
 * it; this one declines, so production queries run unwrapped.
 */
const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });
