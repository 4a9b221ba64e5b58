import { AccountsService } from '../../src/accounts/accounts.service';
import { AuthorisationsService } from '../../src/authorisations/authorisations.service';
import { Transactions } from '../../src/common/database/transactions';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { useWorld } from '../support/world';
import { auditFor, cast, createAccount } from './fixtures';

const grant = (t: TestApp, token: string, accountId: string, body: Record<string, unknown>) =>
  t.http.post(`/api/v1/accounts/${accountId}/authorisations`).set(bearer(token)).send({ reason: 'runs the comms for this home', ...body });

describe('manager authorisations', () => {
  const { t, s: c } = useWorld(cast);

  it('grants a staff member access to one account, with a reason and an optional expiry, audited', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const expiresAt = new Date(t.now().getTime() + 7 * 86_400_000).toISOString();
    const response = await grant(t, c.manager.token, account.id, { staffId: alice.id, expiresAt });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      accountId: account.id,
      staffId: alice.id,
      grantedById: c.manager.id,
      grantedAt: expect.stringMatching(/Z$/),
      reason: 'runs the comms for this home',
      expiresAt,
      revokedAt: null,
      revokedById: null,
      revokeReason: null,
      active: true,
      // The granting manager may revoke it (API.md section 19).
      allowedActions: ['revoke'],
    });
    const [entry] = await auditFor(t, response.body.id);
    expect(entry).toMatchObject({ action: 'authorisation.granted', actorId: c.manager.id, details: { accountId: account.id, staffId: alice.id } });
  });

  it('refuses self-authorisation, people who are not active, duplicates, past expiries and closed accounts', async () => {
    const account = await createAccount(t, c.manager.id);
    const self = await grant(t, c.manager.token, account.id, { staffId: c.manager.id });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_AUTHORISATION_FORBIDDEN');

    const leaver = await t.newStaff(['staff']);
    await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = '${leaver.id}'`);
    const leaving = await t.newStaff(['staff']);
    await t.dataSource.query(`UPDATE staff SET "leavingAt" = '${new Date(t.now().getTime() - 1000).toISOString()}' WHERE id = '${leaving.id}'`);
    for (const staff of [leaver, leaving]) {
      const response = await grant(t, c.manager.token, account.id, { staffId: staff.id });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'STAFF_NOT_ACTIVE' });
    }
    const unknown = await grant(t, c.manager.token, account.id, { staffId: '6b3f1d0e-9f55-4a8e-bb0e-000000000000' });
    expect(unknown.status).toBe(400);

    const bob = await t.newStaff(['staff']);
    const past = await grant(t, c.manager.token, account.id, { staffId: bob.id, expiresAt: new Date(t.now().getTime() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('VALIDATION_FAILED');
    expect((await grant(t, c.manager.token, account.id, { staffId: bob.id, reason: '' })).status).toBe(400);

    const first = await grant(t, c.manager.token, account.id, { staffId: bob.id });
    expect(first.status).toBe(201);
    const otherManager = await t.newStaff(['manager']);
    const duplicate = await grant(t, otherManager.token, account.id, { staffId: bob.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALREADY_AUTHORISED');

    await t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'gone' });
    const closed = await grant(t, c.manager.token, account.id, { staffId: (await t.newStaff(['staff'])).id });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('ACCOUNT_CLOSED');
    expect((await grant(t, c.manager.token, '6b3f1d0e-9f55-4a8e-bb0e-000000000000', { staffId: bob.id })).status).toBe(404);
  });

  it('revokes with a reason (manager or admin); a revoked grant cannot be revoked again, and can be granted anew', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const granted = await grant(t, c.manager.token, account.id, { staffId: alice.id });
    expect((await t.http.post(`/api/v1/authorisations/${granted.body.id}/revoke`).set(bearer(c.admin)).send({})).status).toBe(400);
    const revoked = await t.http.post(`/api/v1/authorisations/${granted.body.id}/revoke`).set(bearer(c.admin)).send({ reason: 'moved to another home' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokedById: await t.adminId(), revokeReason: 'moved to another home', revokedAt: expect.stringMatching(/Z$/) });
    const again = await t.http.post(`/api/v1/authorisations/${granted.body.id}/revoke`).set(bearer(c.manager.token)).send({ reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    expect((await t.http.post('/api/v1/authorisations/6b3f1d0e-9f55-4a8e-bb0e-000000000000/revoke').set(bearer(c.admin)).send({ reason: 'x' })).status).toBe(404);
    expect((await grant(t, c.manager.token, account.id, { staffId: alice.id })).status).toBe(201);
    expect((await auditFor(t, granted.body.id)).map((e) => e.action)).toEqual(['authorisation.revoked', 'authorisation.granted']);
  });

  it('lets staff see only the accounts they are currently authorised on; others get 404', async () => {
    const mine = await createAccount(t, c.manager.id, { name: 'Mine' });
    const notMine = await createAccount(t, c.manager.id, { name: 'Not mine' });
    const alice = await t.newStaff(['staff']);
    const lead = await t.newStaff(['safeguarding_lead']);
    expect((await t.http.get('/api/v1/accounts').set(bearer(alice.token))).body).toEqual({ items: [], nextCursor: null });
    expect((await t.http.get(`/api/v1/accounts/${mine.id}`).set(bearer(alice.token))).status).toBe(404);

    await grant(t, c.manager.token, mine.id, { staffId: alice.id });
    const list = await t.http.get('/api/v1/accounts').set(bearer(alice.token));
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    expect((await t.http.get(`/api/v1/accounts/${mine.id}`).set(bearer(alice.token))).body.name).toBe('Mine');
    const hidden = await t.http.get(`/api/v1/accounts/${notMine.id}`).set(bearer(alice.token));
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    // The DPIA and its history are for admins, managers and the DPO (API.md section 7), authorised or not.
    expect((await t.http.get(`/api/v1/accounts/${notMine.id}/dpia/history`).set(bearer(alice.token))).status).toBe(403);
    expect((await t.http.get(`/api/v1/accounts/${mine.id}/dpia/history`).set(bearer(alice.token))).status).toBe(403);
    expect((await t.http.get(`/api/v1/accounts/${mine.id}`).set(bearer(lead.token))).status).toBe(404);

    const accounts = t.app.get(AccountsService);
    await expect(accounts.requireVisible({ staffId: alice.id, sessionId: 'x', roles: ['staff'] }, notMine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await accounts.requireVisible({ staffId: alice.id, sessionId: 'x', roles: ['staff'] }, mine.id)).id).toBe(mine.id);

    for (const token of [c.admin, c.manager.token, c.dpo.token]) {
      const all = await t.http.get('/api/v1/accounts?limit=200').set(bearer(token));
      expect(all.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([mine.id, notMine.id]));
      expect((await t.http.get(`/api/v1/accounts/${notMine.id}`).set(bearer(token))).status).toBe(200);
    }
  });

  it('ends an expiring authorisation at its instant, with no job', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const expiresAt = new Date(t.now().getTime() + 60_000).toISOString();
    const granted = await grant(t, c.manager.token, account.id, { staffId: alice.id, expiresAt });
    const service = t.app.get(AuthorisationsService);
    const manager = t.dataSource.manager;
    expect(await service.isAuthorised(manager, account.id, alice.id)).toBe(true);
    expect(await service.authorisedAccountIds(manager, alice.id)).toEqual([account.id]);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(alice.token))).status).toBe(200);

    t.travel(Date.parse(expiresAt) - t.now().getTime());
    expect(await service.isAuthorised(manager, account.id, alice.id)).toBe(false);
    expect(await service.authorisedAccountIds(manager, alice.id)).toEqual([]);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(alice.token))).status).toBe(404);
    expect((await t.http.get('/api/v1/accounts').set(bearer(alice.token))).body.items).toEqual([]);
    const listed = await t.http.get(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token));
    expect(listed.body.items).toEqual([expect.objectContaining({ id: granted.body.id, active: false, revokedAt: null })]);
    const revoke = await t.http.post(`/api/v1/authorisations/${granted.body.id}/revoke`).set(bearer(c.manager.token)).send({ reason: 'x' });
    expect(revoke.body.code).toBe('INVALID_STATE');
    expect((await grant(t, c.manager.token, account.id, { staffId: alice.id })).status).toBe(201);
  });

  it('lists an account’s grants filtered by active, newest first, paginated', async () => {
    const account = await createAccount(t, c.manager.id);
    const people: TestStaff[] = [];
    for (let i = 0; i < 3; i += 1) people.push(await t.newStaff(['staff']));
    const ids: string[] = [];
    for (const person of people) {
      ids.push((await grant(t, c.manager.token, account.id, { staffId: person.id })).body.id);
      t.travel(1000);
    }
    await t.http.post(`/api/v1/authorisations/${ids[0]}/revoke`).set(bearer(c.manager.token)).send({ reason: 'left the team' });
    const url = `/api/v1/accounts/${account.id}/authorisations`;
    expect((await t.http.get(url).set(bearer(c.admin))).body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await t.http.get(`${url}?active=true`).set(bearer(c.admin))).body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    expect((await t.http.get(`${url}?active=false`).set(bearer(c.admin))).body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect((await t.http.get(`${url}?active=maybe`).set(bearer(c.admin))).status).toBe(400);
    const page1 = await t.http.get(`${url}?limit=2`).set(bearer(c.manager.token));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http.get(`${url}?limit=2&cursor=${page1.body.nextCursor}`).set(bearer(c.manager.token));
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await t.http.get('/api/v1/accounts/6b3f1d0e-9f55-4a8e-bb0e-000000000000/authorisations').set(bearer(c.admin))).status).toBe(404);
  });

  it('lists a staff member’s grants for managers, admins and the person themselves only', async () => {
    const a1 = await createAccount(t, c.manager.id);
    const a2 = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const bob = await t.newStaff(['staff']);
    const g1 = await grant(t, c.manager.token, a1.id, { staffId: alice.id });
    t.travel(1000);
    const g2 = await grant(t, c.manager.token, a2.id, { staffId: alice.id });
    for (const token of [alice.token, c.manager.token, c.admin]) {
      const response = await t.http.get(`/api/v1/staff/${alice.id}/authorisations`).set(bearer(token));
      expect(response.status).toBe(200);
      expect(response.body.items.map((a: { id: string }) => a.id)).toEqual([g2.body.id, g1.body.id]);
    }
    const other = await t.http.get(`/api/v1/staff/${alice.id}/authorisations`).set(bearer(bob.token));
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await t.http.get('/api/v1/staff/6b3f1d0e-9f55-4a8e-bb0e-000000000000/authorisations').set(bearer(c.admin))).status).toBe(404);
  });

  it('revokes all of a staff member’s grants in one statement, inside the caller’s transaction (for leavers)', async () => {
    const a1 = await createAccount(t, c.manager.id);
    const a2 = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const bob = await t.newStaff(['staff']);
    const g1 = (await grant(t, c.manager.token, a1.id, { staffId: alice.id })).body.id;
    const g2 = (await grant(t, c.manager.token, a2.id, { staffId: alice.id })).body.id;
    const kept = (await grant(t, c.manager.token, a1.id, { staffId: bob.id })).body.id;
    const service = t.app.get(AuthorisationsService);
    const transactions = t.app.get(Transactions);

    await expect(
      transactions.run(async (manager) => {
        expect((await service.revokeAllForStaff(manager, alice.id, null, 'leaver')).sort()).toEqual([g1, g2].sort());
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await service.authorisedAccountIds(t.dataSource.manager, alice.id)).toHaveLength(2);

    const revoked = await transactions.run((manager) => service.revokeAllForStaff(manager, alice.id, null, 'leaver'));
    expect(revoked.sort()).toEqual([g1, g2].sort());
    expect(await service.authorisedAccountIds(t.dataSource.manager, alice.id)).toEqual([]);
    expect(await service.isAuthorised(t.dataSource.manager, a1.id, bob.id)).toBe(true);
    const rows = (await t.http.get(`/api/v1/staff/${alice.id}/authorisations`).set(bearer(c.admin))).body.items;
    for (const row of rows) expect(row).toMatchObject({ active: false, revokeReason: 'leaver', revokedById: null });
    expect((await t.http.get(`/api/v1/staff/${bob.id}/authorisations`).set(bearer(c.admin))).body.items).toEqual([expect.objectContaining({ id: kept, active: true })]);
  });
});

describe('authorisation prerequisites: policy and training', () => {
  const { t, s: c } = useWorld(cast, { GATEHOUSE_REQUIRE_TRAINING: 'true' });

  it('needs the current policy acknowledged, then training in the last 12 months', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies').set(bearer(c.admin)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });

    const unacknowledged = await grant(t, c.manager.token, account.id, { staffId: alice.id });
    expect({ status: unacknowledged.status, code: unacknowledged.body.code }).toEqual({ status: 409, code: 'POLICY_NOT_ACKNOWLEDGED' });
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(alice.token));

    const untrained = await grant(t, c.manager.token, account.id, { staffId: alice.id });
    expect({ status: untrained.status, code: untrained.body.code }).toEqual({ status: 409, code: 'TRAINING_NOT_COMPLETED' });

    const thirteenMonthsAgo = new Date(t.now().getTime() - 396 * 86_400_000).toISOString();
    expect((await t.http.patch(`/api/v1/staff/${alice.id}`).set(bearer(c.manager.token)).send({ trainingCompletedAt: thirteenMonthsAgo })).status).toBe(200);
    expect((await grant(t, c.manager.token, account.id, { staffId: alice.id })).body.code).toBe('TRAINING_NOT_COMPLETED');

    const lastMonth = new Date(t.now().getTime() - 30 * 86_400_000).toISOString();
    await t.http.patch(`/api/v1/staff/${alice.id}`).set(bearer(c.manager.token)).send({ trainingCompletedAt: lastMonth });
    expect((await grant(t, c.manager.token, account.id, { staffId: alice.id })).status).toBe(201);
  });
});

describe('training is not required by default', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('authorises someone with no training record when GATEHOUSE_REQUIRE_TRAINING is unset', async () => {
    const c = await cast(t);
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    expect((await grant(t, c.manager.token, account.id, { staffId: alice.id })).status).toBe(201);
  });
});
