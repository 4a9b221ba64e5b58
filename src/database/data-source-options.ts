import { DataSourceOptions } from 'typeorm';
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
    return { ...common, type: 'sqlite', database: database.path, enableWAL: true, busyTimeout: 10_000, migrationsTransactionMode: 'each' };
  }
  return { ...common, type: 'postgres', url: database.url, migrationsTransactionMode: 'each', extra: { max: 20 } };
}
