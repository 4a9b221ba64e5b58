import { createHash, randomBytes } from 'crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../../src/common/config/app-config';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { runMigrationsExclusively } from '../../src/common/database/migrate';

/** Integration tests run on a fresh SQLite file, or with GATEHOUSE_TEST_DB=postgres on a fresh PostgreSQL database. */
export const TEST_DB_KIND: 'sqlite' | 'postgres' = process.env.GATEHOUSE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const POSTGRES_ADMIN_URL = process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Any fixed number: the workers of one run (and of parallel runs) take turns building the PostgreSQL template.
const TEMPLATE_LOCK_KEY = 7_204_318_552;

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** An empty database, for the tests of what a first start or a migration does. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(null);
}

/**
 * A database with every migration applied, copied from a template that is migrated once for each version of
 * src/common/database (and kept between runs): a test file pays for a file copy or a `CREATE DATABASE ... TEMPLATE`,
 * not for the migrations. The app still runs its migrations at start and finds none pending.
 */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  return createDatabase(TEST_DB_KIND === 'sqlite' ? await sqliteTemplate() : await postgresTemplate());
}

async function createDatabase(template: string | null): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-test-'));
  if (TEST_DB_KIND === 'sqlite') {
    const path = join(dataDir, 'gatehouse.sqlite');
    if (template) copyFileSync(template, path);
    return { url: `sqlite:${path}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `gatehouse_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    url: postgresUrl(name),
    dataDir,
    drop: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the schema is made from: the migrations and everything else in src/common/database. */
let schemaVersion: string | null = null;
function schemaDigest(): string {
  if (schemaVersion) return schemaVersion;
  const hash = createHash('sha1');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(join(__dirname, '../../src/common/database'));
  return (schemaVersion = hash.digest('hex').slice(0, 16));
}

async function migrate(database: DatabaseConfig): Promise<void> {
  const dataSource = await new DataSource(buildDataSourceOptions(database)).initialize();
  try {
    await runMigrationsExclusively(dataSource);
    // One self-contained file to copy: no write-ahead log beside it (each copy turns WAL on again when opened).
    if (database.type === 'sqlite') await dataSource.query('PRAGMA journal_mode = DELETE');
  } finally {
    await dataSource.destroy();
  }
}

/** Built under a name of its own and renamed into place, so workers building it at once never see half of it. */
async function sqliteTemplate(): Promise<string> {
  const path = join(tmpdir(), `gatehouse-template-${schemaDigest()}.sqlite`);
  if (existsSync(path)) return path;
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-template-'));
  const building = join(dir, 'template.sqlite');
  try {
    await migrate({ type: 'sqlite', path: building, url: `sqlite:${building}` });
    renameSync(building, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return path;
}

async function postgresTemplate(): Promise<string> {
  const name = `gatehouse_template_${schemaDigest()}`;
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return;
      const building = `${name}_building_${randomBytes(4).toString('hex')}`;
      await client.query(`CREATE DATABASE ${building}`);
      try {
        await migrate({ type: 'postgres', url: postgresUrl(building) });
        await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  return name;
}

function postgresUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
