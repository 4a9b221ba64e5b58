import { randomUUID } from 'crypto';
import { StaffMember } from '../../src/staff/staff.entity';
import { TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** The database itself keeps one live record per address, and lets deleted records share theirs. */
describe('email uniqueness in the database (after the re-provisioning migration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_LOG_LEVEL: 'error' });
  });
  afterAll(() => t.close());

  const row = (emailKey: string | null, deletedAt: string | null): StaffMember =>
    t.dataSource.getRepository(StaffMember).create({
      id: randomUUID(),
      email: 'Same.Person@example.test',
      emailKey,
      displayName: 'Same Person',
      roles: ['staff'],
      status: deletedAt ? 'left' : 'active',
      leavingAt: null,
      leftAt: deletedAt,
      lineManagerId: null,
      trainingCompletedAt: null,
      passwordHash: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      deletedAt,
    });

  it('refuses a second live record with the same key, and takes any number of deleted ones', async () => {
    const repository = t.dataSource.getRepository(StaffMember);
    await repository.insert(row('same.person@example.test', null));
    await expect(repository.insert(row('same.person@example.test', null))).rejects.toThrow(/unique|duplicate/i);
    const deleted = new Date().toISOString();
    await repository.insert(row(null, deleted));
    await repository.insert(row(null, deleted));
    expect(await repository.countBy({ email: 'Same.Person@example.test' })).toBe(3);
  });
});
