import * as argon2 from 'argon2';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { StaffMember } from '../../src/staff/staff.entity';
import { REAL_PASSWORD_HASHING, TestApp } from '../support/test-app';
import { login } from './support';

describe('argon2id parameters', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start(REAL_PASSWORD_HASHING)));
  afterAll(() => t.close());

  const stored = (id: string) => t.dataSource.getRepository(StaffMember).findOneByOrFail({ id }).then((s) => s.passwordHash!);

  it('hashes new passwords with OWASP’s m=19 MiB, t=2, p=1', async () => {
    const kay = await t.newStaff(['staff']);
    expect(await stored(kay.id)).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('keeps an older hash working and replaces it at the next successful sign-in only', async () => {
    const lee = await t.newStaff(['staff']);
    // The parameters Gatehouse used before (the argon2 package's defaults: 64 MiB, t=3, p=4).
    const legacy = await argon2.hash(lee.password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 4 });
    await t.dataSource.getRepository(StaffMember).update({ id: lee.id }, { passwordHash: legacy });

    expect((await login(t, lee.email, 'not the password')).status).toBe(401);
    expect(await stored(lee.id)).toBe(legacy);

    expect((await login(t, lee.email, lee.password)).status).toBe(200);
    const upgraded = await stored(lee.id);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const [entry] = await t.dataSource.getRepository(AuditEntry).find({ where: { action: 'auth.login', actorId: lee.id }, order: { id: 'DESC' }, take: 1 });
    expect(JSON.parse(entry.details)).toEqual({ hashUpgraded: true });

    expect((await login(t, lee.email, lee.password)).status).toBe(200);
    expect(await stored(lee.id)).toBe(upgraded);
  });
});
