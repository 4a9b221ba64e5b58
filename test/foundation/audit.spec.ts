import { bearer } from '../support/test-app';
import { useApp } from '../support/world';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

describe('the audit trail', () => {
  const t = useApp();
  let admin: string;
  beforeAll(async () => {
    admin = await t.adminToken();
    await t.newStaff(['manager']);
    await t.http.post('/api/v1/policies').set(bearer(admin)).send({ version: 'v1', title: 'Policy', text: 'Text' });
  });

  it('records each change with its actor, chained from 64 zeros with increasing ids', async () => {
    const entries = await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    expect(entries[0].prevHash).toBe('0'.repeat(64));
    entries.forEach((entry, index) => {
      expect(entry.id).toBe(index + 1);
      if (index > 0) expect(entry.prevHash).toBe(entries[index - 1].hash);
    });
    const adminId = await t.adminId();
    const list = await t.http.get(`/api/v1/audit?action=policy.created&actorId=${adminId}`).set(bearer(admin));
    expect(list.body.items).toEqual([
      expect.objectContaining({ action: 'policy.created', subjectType: 'policy', subjectId: 'v1', actorId: adminId, details: expect.objectContaining({ title: 'Policy' }) }),
    ]);
  });

  it('keeps secrets out: passwords never reach audit details', async () => {
    const someone = await t.newStaff(['staff']);
    await t.http.post('/api/v1/me/password').set(bearer(someone.token)).send({ currentPassword: someone.password, newPassword: 'brand new long password' });
    const rows = await t.dataSource.getRepository(AuditEntry).find();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(someone.password);
    expect(text).not.toContain('brand new long password');
    expect(text).not.toContain(someone.token);
  });

  it('filters by time and pages newest first without repeats', async () => {
    const all = await t.http.get('/api/v1/audit?limit=200').set(bearer(admin));
    const ids = all.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await t.http.get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(admin));
      paged.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);
    const future = await t.http.get(`/api/v1/audit?from=${encodeURIComponent(new Date(t.now().getTime() + 3600_000).toISOString())}`).set(bearer(admin));
    expect(future.body.items).toEqual([]);
    const badDate = await t.http.get('/api/v1/audit?from=yesterday').set(bearer(admin));
    expect(badDate.status).toBe(400);
  });

  it('exports CSV with a header and every entry, defusing spreadsheet formulas', async () => {
    await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'formula@example.test', displayName: '=HYPERLINK("x")', roles: ['staff'], password: 'twelve chars!' });
    const response = await t.http.get('/api/v1/audit/export?format=csv').set(bearer(admin));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,action,subjectType,subjectId,details,prevHash,hash,signature');
    const count = await t.dataSource.getRepository(AuditEntry).count();
    expect(lines).toHaveLength(count + 1);
    expect(response.text).not.toMatch(/,=HYPERLINK/);
    expect((await t.http.get('/api/v1/audit/export?format=xml').set(bearer(admin))).status).toBe(400);
  });

  it('verifies the chain, and a direct edit of a stored entry is reported at the first broken id', async () => {
    const valid = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    const count = await t.dataSource.getRepository(AuditEntry).count();
    const newest = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ id: count });
    expect(valid.body).toEqual({ valid: true, entries: count, head: { id: count, hash: newest.hash, at: expect.any(String), signature: expect.any(String) } });

    await t.dataSource.getRepository(AuditEntry).update({ id: 3 }, { details: '{"forged":true}' });
    const broken = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    expect(broken.body).toEqual({ valid: false, entries: count, firstBrokenId: 3, reason: 'hash' });
  });

  it('detects a deleted entry and is append-only over HTTP', async () => {
    const count = await t.dataSource.getRepository(AuditEntry).count();
    await t.dataSource.getRepository(AuditEntry).delete({ id: 2 });
    const broken = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    expect(broken.body).toMatchObject({ valid: false, firstBrokenId: 2, reason: 'gap' });
    expect(broken.body.entries).toBe(count - 1);
    for (const method of ['put', 'patch', 'delete'] as const) {
      expect((await t.http[method]('/api/v1/audit/1').set(bearer(admin))).status).toBe(404);
    }
  });
});

describe('the audit chain under concurrency', () => {
  const t = useApp();

  it('stays one unbroken chain when many changes commit at once', async () => {
    const admin = await t.adminToken();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: `c${i}@example.test`, displayName: `C${i}`, roles: ['staff'], password: 'twelve chars!' }),
      ),
    );
    const verify = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    expect(verify.body.valid).toBe(true);
    expect(verify.body.entries).toBeGreaterThanOrEqual(13);
  });
});
