import { bearer } from '../support/test-app';
import { useApp } from '../support/world';

describe('staff records', () => {
  const t = useApp();
  let admin: string;
  beforeAll(async () => {
    admin = await t.adminToken();
  });

  it('creates a staff member and never shows a password hash or token', async () => {
    const manager = await t.newStaff(['manager']);
    const response = await t.http
      .post('/api/v1/staff')
      .set(bearer(admin))
      .send({ email: 'New.Person@Example.test', displayName: 'New Person', roles: ['staff', 'safeguarding_lead'], password: 'twelve chars!', lineManagerId: manager.id });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'New.Person@Example.test',
      displayName: 'New Person',
      roles: ['staff', 'safeguarding_lead'],
      status: 'active',
      leavingAt: null,
      leftAt: null,
      lineManagerId: manager.id,
      trainingCompletedAt: null,
      policyAcknowledgement: null,
      createdAt: expect.stringMatching(/Z$/),
      // What the admin who created them may do to the record now (API.md section 19); no leave to cancel, nothing to reinstate.
      allowedActions: ['record_training', 'edit', 'reset_password', 'offboard'],
    });
  });

  it('refuses an email already taken, compared case-insensitively', async () => {
    await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'dup@example.test', displayName: 'A', roles: ['staff'], password: 'twelve chars!' });
    const again = await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'DUP@example.TEST', displayName: 'B', roles: ['staff'], password: 'twelve chars!' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('validates roles, password length and the line manager', async () => {
    const badRole = await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'x1@example.test', displayName: 'X', roles: ['king'], password: 'twelve chars!' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details.map((d: { field: string }) => d.field)).toContain('roles');
    const shortPassword = await t.http.post('/api/v1/staff').set(bearer(admin)).send({ email: 'x2@example.test', displayName: 'X', roles: ['staff'], password: 'short' });
    expect(shortPassword.status).toBe(400);
    const unknownManager = await t.http
      .post('/api/v1/staff')
      .set(bearer(admin))
      .send({ email: 'x3@example.test', displayName: 'X', roles: ['staff'], password: 'twelve chars!', lineManagerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownManager.status).toBe(400);
    expect(unknownManager.body.code).toBe('VALIDATION_FAILED');
  });

  it('lists active staff by default, and left or all on request, page by page', async () => {
    const leaver = await t.newStaff(['staff']);
    await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = '${leaver.id}'`);
    const active = await t.http.get('/api/v1/staff?limit=200').set(bearer(admin));
    expect(active.body.items.every((s: { status: string }) => s.status === 'active')).toBe(true);
    const left = await t.http.get('/api/v1/staff?status=left').set(bearer(admin));
    expect(left.body.items.map((s: { id: string }) => s.id)).toEqual([leaver.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/staff?status=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(admin));
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await t.http.get('/api/v1/staff?status=all&limit=200').set(bearer(admin));
    expect(seen).toEqual(all.body.items.map((s: { id: string }) => s.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lets a person read their own record but not a colleague’s; managers read anyone', async () => {
    const a = await t.newStaff(['staff']);
    const b = await t.newStaff(['staff']);
    const manager = await t.newStaff(['manager']);
    expect((await t.http.get(`/api/v1/staff/${a.id}`).set(bearer(a.token))).status).toBe(200);
    expect((await t.http.get(`/api/v1/staff/${b.id}`).set(bearer(a.token))).status).toBe(403);
    expect((await t.http.get(`/api/v1/staff/${b.id}`).set(bearer(manager.token))).status).toBe(200);
    expect((await t.http.get('/api/v1/staff/00000000-0000-4000-8000-000000000000').set(bearer(manager.token))).status).toBe(404);
    expect((await t.http.get('/api/v1/staff/not-a-uuid').set(bearer(manager.token))).body.code).toBe('NOT_FOUND');
  });

  it('gives every signed-in colleague a directory of active staff by name, without emails or roles', async () => {
    const author = await t.newStaff(['staff'], { displayName: 'Aaron Author' });
    const colleague = await t.newStaff(['staff'], { displayName: 'Bella Colleague' });
    const leaver = await t.newStaff(['staff'], { displayName: 'Carl Leaver' });
    const soon = await t.newStaff(['staff'], { displayName: 'Dina Leaving' });
    expect((await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'Left the service' })).status).toBe(200);
    const leavingAt = new Date(Date.now() + 60_000).toISOString();
    expect((await t.http.post(`/api/v1/staff/${soon.id}/offboard`).set(bearer(admin)).send({ reason: 'Moving away', effectiveAt: leavingAt })).status).toBe(202);

    const response = await t.http.get('/api/v1/staff/directory').set(bearer(author.token));
    expect(response.status).toBe(200);
    const names = response.body.items.map((item: { displayName: string }) => item.displayName);
    expect(names).toEqual(expect.arrayContaining(['Aaron Author', 'Bella Colleague', 'Dina Leaving']));
    expect(names).not.toContain('Carl Leaver');
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));
    expect(response.body.items.find((item: { id: string }) => item.id === colleague.id)).toEqual({ id: colleague.id, displayName: 'Bella Colleague' });

    // Once the leaving instant has passed, the directory no longer offers them, even before any job runs.
    t.travel(61_000);
    const later = await t.http.get('/api/v1/staff/directory').set(bearer(author.token));
    expect(later.body.items.map((item: { id: string }) => item.id)).not.toContain(soon.id);
    expect((await t.http.get('/api/v1/staff/directory')).status).toBe(401);
  });

  it('lets a manager record training but nothing else', async () => {
    const a = await t.newStaff(['staff']);
    const manager = await t.newStaff(['manager']);
    const trainedAt = new Date(Date.now() - 86_400_000).toISOString();
    const ok = await t.http.patch(`/api/v1/staff/${a.id}`).set(bearer(manager.token)).send({ trainingCompletedAt: trainedAt });
    expect(ok.status).toBe(200);
    expect(ok.body.trainingCompletedAt).toBe(trainedAt);
    const refused = await t.http.patch(`/api/v1/staff/${a.id}`).set(bearer(manager.token)).send({ roles: ['admin'] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    // The role comes first: the same for someone who does not exist.
    const nobody = await t.http.patch('/api/v1/staff/00000000-0000-4000-8000-000000000000').set(bearer(manager.token)).send({ displayName: 'Someone' });
    expect(nobody.status).toBe(403);
    const future = await t.http.patch(`/api/v1/staff/${a.id}`).set(bearer(manager.token)).send({ trainingCompletedAt: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
  });

  it('lets an admin change names, roles and line managers, and audits the change', async () => {
    const a = await t.newStaff(['staff']);
    const manager = await t.newStaff(['manager']);
    const changed = await t.http.patch(`/api/v1/staff/${a.id}`).set(bearer(admin)).send({ displayName: 'Renamed', roles: ['staff', 'manager'], lineManagerId: manager.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ displayName: 'Renamed', roles: ['staff', 'manager'], lineManagerId: manager.id });
    const self = await t.http.patch(`/api/v1/staff/${a.id}`).set(bearer(admin)).send({ lineManagerId: a.id });
    expect(self.status).toBe(400);
    const audit = await t.http.get(`/api/v1/audit?subjectType=staff&subjectId=${a.id}&action=staff.updated`).set(bearer(admin));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details.after.displayName).toBe('Renamed');
  });

  it('keeps a leaver’s record correctable, but sends them no reset and has no leave left to cancel', async () => {
    const leaver = await t.newStaff(['staff']);
    expect((await t.http.post(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin)).send({ reason: 'contract ended' })).status).toBe(200);
    const renamed = await t.http.patch(`/api/v1/staff/${leaver.id}`).set(bearer(admin)).send({ displayName: 'Spelt right' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Spelt right', status: 'left' });
    const reset = await t.http.post(`/api/v1/staff/${leaver.id}/password-reset`).set(bearer(admin));
    expect(reset.status).toBe(409);
    expect(reset.body.code).toBe('INVALID_STATE');
    const cancel = await t.http.delete(`/api/v1/staff/${leaver.id}/offboard`).set(bearer(admin));
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('INVALID_STATE');
  });

  it('refuses to leave no active admin', async () => {
    const adminId = await t.adminId();
    const demote = await t.http.patch(`/api/v1/staff/${adminId}`).set(bearer(admin)).send({ roles: ['manager'] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
    const second = await t.newStaff(['admin']);
    const demoteNow = await t.http.patch(`/api/v1/staff/${second.id}`).set(bearer(admin)).send({ roles: ['staff'] });
    expect(demoteNow.status).toBe(200);
  });
});
