import { Logger } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { bearer, TestApp } from '../support/test-app';
import { StaffMember } from '../../src/staff/staff.entity';

describe('first start', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(() => db.drop());

  it('creates the configured admin once and only once', async () => {
    const first = await TestApp.start({}, db);
    expect(await first.dataSource.getRepository(StaffMember).count()).toBe(1);
    await first.app.close();

    const second = await TestApp.start({ GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: 'someone.else@example.test' }, db);
    const staff = await second.dataSource.getRepository(StaffMember).find();
    expect(staff.map((s) => s.email)).toEqual(['admin@example.test']);
    await second.app.close();
  });

  it('without configured credentials creates admin@localhost with a random password logged once', async () => {
    const messages: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void messages.push(String(message)));
    const t = await TestApp.start({ GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: '', GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: '' }, db);
    spy.mockRestore();
    const line = messages.find((m) => m.includes('admin@localhost'));
    expect(line).toBeDefined();
    const password = /with password (\S+?)\. /.exec(line!)![1];
    expect(password.length).toBeGreaterThanOrEqual(20);
    const token = await t.login('admin@localhost', password);
    expect((await t.http.get('/api/v1/me').set(bearer(token))).body.roles).toEqual(['admin']);
    await t.app.close();
  });

  it('runs migrations once when several instances start together on the same database', async () => {
    const apps = await Promise.all([TestApp.start({}, db), TestApp.start({}, db), TestApp.start({}, db)]);
    const migrations = await apps[0].dataSource.query('SELECT name FROM migrations');
    expect(new Set(migrations.map((m: { name: string }) => m.name)).size).toBe(migrations.length);
    expect(await apps[0].dataSource.getRepository(StaffMember).count()).toBe(1);
    for (const app of apps) await app.app.close();
  });
});
