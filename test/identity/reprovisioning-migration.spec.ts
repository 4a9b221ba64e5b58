import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/load-config';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { MIGRATIONS } from '../../src/common/database/migrations';
import { ScimReprovisioning1764000700000 } from '../../src/common/database/migrations/1764000700000-scim-reprovisioning';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(60_000);

/** The re-provisioning migration on a database with people in it: nobody's address is lost, SCIM-deleted people free theirs. */
describe('migration 1764000700000 (SCIM re-provisioning) on existing data', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database.drop();
  });

  const connect = async (migrations: unknown[]) => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    const options = buildDataSourceOptions(loadConfig({ DATABASE_URL: database.url, GATEHOUSE_DATA_DIR: database.dataDir }).database);
    dataSource = new DataSource({ ...options, migrations } as typeof options);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  };

  it('keeps live email keys and the unique index, and frees the keys of users SCIM deleted', async () => {
    await connect(MIGRATIONS.slice(0, MIGRATIONS.indexOf(ScimReprovisioning1764000700000)));
    const now = new Date().toISOString();
    const insertStaff = (id: string, email: string, status: string) =>
      dataSource.query(
        `INSERT INTO staff (id, email, "emailKey", "displayName", roles, status, "createdAt", "updatedAt") VALUES ('${id}', '${email}', '${email.toLowerCase()}', 'Someone', '["staff"]', '${status}', '${now}', '${now}')`,
      );
    await insertStaff('00000000-0000-4000-8000-000000000001', 'Live@example.test', 'active');
    await insertStaff('00000000-0000-4000-8000-000000000002', 'Gone@example.test', 'left');
    await dataSource.query(
      `INSERT INTO scim_users ("staffId", "deletedAt", "createdAt", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000002', '${now}', '${now}', '${now}'), ('00000000-0000-4000-8000-000000000001', NULL, '${now}', '${now}')`,
    );

    await connect(MIGRATIONS);
    const rows: { id: string; emailKey: string | null; deletedAt: string | null }[] = await dataSource.query('SELECT id, "emailKey", "deletedAt" FROM staff ORDER BY id');
    expect(rows).toEqual([
      { id: '00000000-0000-4000-8000-000000000001', emailKey: 'live@example.test', deletedAt: null },
      { id: '00000000-0000-4000-8000-000000000002', emailKey: null, deletedAt: now },
    ]);
    await expect(insertAgain('00000000-0000-4000-8000-000000000003', 'live@example.test')).rejects.toThrow(/unique|duplicate/i);
    await insertAgain('00000000-0000-4000-8000-000000000004', 'gone@example.test');

    function insertAgain(id: string, emailKey: string) {
      return dataSource.query(
        `INSERT INTO staff (id, email, "emailKey", "displayName", roles, status, "createdAt", "updatedAt") VALUES ('${id}', '${emailKey}', '${emailKey}', 'Someone', '["staff"]', 'active', '${now}', '${now}')`,
      );
    }
  });
});
