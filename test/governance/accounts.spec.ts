import { EntityManager } from 'typeorm';
import { AccountClosingHooks } from '../../src/accounts/account-closing-hooks';
import { AccountsService } from '../../src/accounts/accounts.service';
import { bearer } from '../support/test-app';
import { useWorld } from '../support/world';
import { activeAccount, approveDpia, auditFor, cast, createAccount } from './fixtures';

describe('corporate accounts', () => {
  const { t, s: c } = useWorld(cast);

  it('creates an account pending its DPIA, with every contract field and an audit entry', async () => {
    const response = await t.http
      .post('/api/v1/accounts')
      .set(bearer(c.admin))
      .send({ platform: 'linkedin', name: 'Riverside Care', externalId: 'urn:li:organization:123', ownerId: c.manager.id });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      platform: 'linkedin',
      name: 'Riverside Care',
      externalId: 'urn:li:organization:123',
      mode: 'live',
      status: 'pending_dpia',
      ownerId: c.manager.id,
      requiredApprovals: 1,
      hasCredentials: false,
      credentialsExpireAt: null,
      connectedById: null,
      credentialRotationRequired: false,
      credentialsInvalid: false,
      platformAdmins: [],
      dpia: { status: 'not_started', reviewDueAt: null },
      publishable: false,
      statusReason: null,
      closedAt: null,
      createdAt: expect.stringMatching(/Z$/),
      // Live without credentials: no token to check yet, and nothing to activate until a DPIA is in force.
      allowedActions: ['edit', 'set_credentials', 'reconnect', 'add_platform_admin', 'remove_platform_admin', 'close'],
    });
    const audit = await auditFor(t, response.body.id);
    expect(audit.map((entry) => entry.action)).toEqual(['account.created']);
    expect(audit[0].actorId).toBe(await t.adminId());
  });

  it('requires the owner to be an active manager, and validates platform, mode and approvals', async () => {
    const staff = await t.newStaff(['staff']);
    const base = { platform: 'facebook', name: 'x', externalId: 'y' };
    for (const ownerId of [staff.id, '6b3f1d0e-9f55-4a8e-bb0e-000000000000']) {
      const response = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ ...base, ownerId });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details).toEqual([{ field: 'ownerId', problems: expect.any(Array) }]);
    }
    const leaver = await t.newStaff(['manager']);
    await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = '${leaver.id}'`);
    expect((await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ ...base, ownerId: leaver.id })).status).toBe(400);
    for (const bad of [{ platform: 'tiktok' }, { mode: 'test' }, { requiredApprovals: 3 }, { requiredApprovals: '2' }, { surprise: true }]) {
      const response = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ ...base, ownerId: c.manager.id, ...bad });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const two = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ ...base, ownerId: c.manager.id, requiredApprovals: 2, mode: 'sandbox', platform: 'youtube' });
    expect(two.status).toBe(201);
    expect(two.body).toMatchObject({ requiredApprovals: 2, mode: 'sandbox', platform: 'youtube' });
  });

  it('updates name, owner and required approvals (admin), audited with before and after', async () => {
    const account = await createAccount(t, c.manager.id);
    const other = await t.newStaff(['manager']);
    const response = await t.http.patch(`/api/v1/accounts/${account.id}`).set(bearer(c.admin)).send({ name: 'Renamed', ownerId: other.id, requiredApprovals: 2 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Renamed', ownerId: other.id, requiredApprovals: 2 });
    const staff = await t.newStaff(['staff']);
    expect((await t.http.patch(`/api/v1/accounts/${account.id}`).set(bearer(c.admin)).send({ ownerId: staff.id })).status).toBe(400);
    const [entry] = await auditFor(t, account.id);
    expect(entry.action).toBe('account.updated');
    expect(entry.details).toMatchObject({ before: { name: 'Riverside Care' }, after: { name: 'Renamed', requiredApprovals: 2 } });
  });

  it('lists accounts oldest first, page by page through the cursor, each as GET /accounts/{id} shows it', async () => {
    for (let i = 0; i < 3; i++) await createAccount(t, c.manager.id, { name: `Paged ${i}` });
    const all = await t.http.get('/api/v1/accounts?limit=200').set(bearer(c.admin));
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const createdAt = all.body.items.map((item: { createdAt: string }) => item.createdAt);
    expect(createdAt).toEqual([...createdAt].sort());
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: unknown[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/accounts')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(bearer(c.admin));
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items);
    const last = all.body.items[all.body.items.length - 1];
    expect((await t.http.get(`/api/v1/accounts/${last.id}`).set(bearer(c.admin))).body).toEqual(last);
  });

  it('answers 404 for unknown and non-UUID ids', async () => {
    for (const id of ['6b3f1d0e-9f55-4a8e-bb0e-000000000000', 'not-a-uuid']) {
      const response = await t.http.get(`/api/v1/accounts/${id}`).set(bearer(c.admin));
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it('activates only with a DPIA in force, and a live account only with credentials', async () => {
    const live = await createAccount(t, c.manager.id, { mode: 'live' });
    let response = await t.http.post(`/api/v1/accounts/${live.id}/activate`).set(bearer(c.manager.token));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('DPIA_NOT_APPROVED');

    await approveDpia(t, live.id, c);
    response = await t.http.post(`/api/v1/accounts/${live.id}/activate`).set(bearer(c.manager.token));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CREDENTIALS_MISSING');

    expect((await t.http.put(`/api/v1/accounts/${live.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'tok-live-1' })).status).toBe(204);
    response = await t.http.post(`/api/v1/accounts/${live.id}/activate`).set(bearer(c.manager.token));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active', publishable: true, hasCredentials: true, dpia: { status: 'approved' } });

    response = await t.http.post(`/api/v1/accounts/${live.id}/activate`).set(bearer(c.manager.token));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_STATE');
    expect((await auditFor(t, live.id)).map((entry) => entry.action)).toContain('account.activated');
  });

  it('suspends with a reason: not publishable until re-activated', async () => {
    const account = await activeAccount(t, c);
    expect(account.publishable).toBe(true);
    const service = t.app.get(AccountsService);
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(true);

    const missingReason = await t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(c.manager.token)).send({});
    expect(missingReason.status).toBe(400);
    const suspended = await t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(c.manager.token)).send({ reason: 'complaint under review' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', publishable: false, statusReason: 'complaint under review' });
    expect(await service.isPublishable(t.dataSource.manager, account.id)).toBe(false);

    const again = await t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(c.manager.token)).send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');

    const reactivated = await t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.admin));
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ status: 'active', publishable: true, statusReason: null });
  });

  it('cannot suspend an account still pending its DPIA', async () => {
    const account = await createAccount(t, c.manager.id);
    const response = await t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(c.admin)).send({ reason: 'x' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_STATE');
  });

  it('makes a live account unpublishable while its credentials are known invalid', async () => {
    const created = await createAccount(t, c.manager.id, { mode: 'live' });
    await t.http.put(`/api/v1/accounts/${created.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'tok' });
    await approveDpia(t, created.id, c);
    const account = (await t.http.post(`/api/v1/accounts/${created.id}/activate`).set(bearer(c.admin))).body;
    expect(account.publishable).toBe(true);
    await t.dataSource.query(`UPDATE accounts SET "credentialsInvalid" = ${t.config.database.type === 'postgres' ? 'true' : '1'} WHERE id = '${account.id}'`);
    const read = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin));
    expect(read.body).toMatchObject({ status: 'active', credentialsInvalid: true, publishable: false });
    expect(await t.app.get(AccountsService).isPublishable(t.dataSource.manager, account.id)).toBe(false);

    await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'tok-2' });
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body).toMatchObject({ credentialsInvalid: false, publishable: true });
  });

  it('keeps a roster of platform admins (admin, manager), refusing people who are not active staff', async () => {
    const account = await createAccount(t, c.manager.id);
    const alice = await t.newStaff(['staff']);
    const bob = await t.newStaff(['staff']);
    let response = await t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(c.manager.token)).send({ staffId: alice.id });
    expect(response.status).toBe(201);
    expect(response.body.platformAdmins).toEqual([alice.id]);
    response = await t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(c.admin)).send({ staffId: bob.id });
    expect(response.body.platformAdmins).toEqual([alice.id, bob.id]);
    response = await t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(c.admin)).send({ staffId: bob.id });
    expect(response.status).toBe(200);
    expect(response.body.platformAdmins).toEqual([alice.id, bob.id]);

    response = await t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(c.admin)).send({ staffId: '6b3f1d0e-9f55-4a8e-bb0e-000000000000' });
    expect(response.status).toBe(400);

    response = await t.http.delete(`/api/v1/accounts/${account.id}/platform-admins/${alice.id}`).set(bearer(c.manager.token));
    expect(response.status).toBe(204);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body.platformAdmins).toEqual([bob.id]);
    response = await t.http.delete(`/api/v1/accounts/${account.id}/platform-admins/${alice.id}`).set(bearer(c.manager.token));
    expect(response.status).toBe(404);

    const rows = await t.dataSource.query(`SELECT "accountId", "staffId", "addedById" FROM account_platform_admins WHERE "staffId" = '${bob.id}'`);
    expect(rows).toEqual([{ accountId: account.id, staffId: bob.id, addedById: await t.adminId() }]);
    const actions = (await auditFor(t, account.id)).map((entry) => entry.action);
    expect(actions.filter((a) => a === 'account.platform_admin_added')).toHaveLength(2);
    expect(actions).toContain('account.platform_admin_removed');
  });

  it('closes for good: revokes every authorisation in the same transaction, refuses every later change', async () => {
    const account = await activeAccount(t, c);
    const alice = await t.newStaff(['staff']);
    const bob = await t.newStaff(['staff']);
    for (const staff of [alice, bob]) {
      const grant = await t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: staff.id, reason: 'comms team' });
      expect(grant.status).toBe(201);
    }
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(alice.token))).status).toBe(200);

    expect((await t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({})).status).toBe(400);
    const closed = await t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'page retired' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', publishable: false, statusReason: 'page retired', closedAt: expect.stringMatching(/Z$/) });

    const authorisations = await t.http.get(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.admin));
    expect(authorisations.body.items).toHaveLength(2);
    for (const item of authorisations.body.items) {
      expect(item).toMatchObject({ active: false, revokedById: await t.adminId(), revokeReason: 'account closed: page retired', revokedAt: expect.any(String) });
    }
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(alice.token))).status).toBe(404);

    const [entry] = await auditFor(t, account.id);
    expect(entry.action).toBe('account.closed');
    expect(entry.details.revokedAuthorisations.sort()).toEqual(authorisations.body.items.map((a: { id: string }) => a.id).sort());

    const attempts = [
      t.http.post(`/api/v1/accounts/${account.id}/activate`).set(bearer(c.admin)),
      t.http.post(`/api/v1/accounts/${account.id}/suspend`).set(bearer(c.admin)).send({ reason: 'x' }),
      t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'x' }),
      t.http.patch(`/api/v1/accounts/${account.id}`).set(bearer(c.admin)).send({ name: 'x' }),
      t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'x' }),
      t.http.post(`/api/v1/accounts/${account.id}/platform-admins`).set(bearer(c.admin)).send({ staffId: alice.id }),
      t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: alice.id, reason: 'x' }),
      t.http.put(`/api/v1/accounts/${account.id}/dpia`).set(bearer(c.manager.token)).send({ purpose: '', dataCategories: [], dataSubjects: [], lawfulBasis: '', screening: { vulnerableSubjects: false, specialCategoryData: false, children: false, systematicMonitoring: false, newTechnology: false, largeScale: false }, risks: [] }),
    ];
    for (const attempt of attempts) {
      const response = await attempt;
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'ACCOUNT_CLOSED' });
    }
  });

  it('runs the registered closing hooks inside the closing transaction: a failing hook undoes the close', async () => {
    const hooks = t.app.get(AccountClosingHooks);
    const seen: string[] = [];
    let fail = true;
    hooks.register({
      // What the hook will do is named in the account's entry, written before the hooks run.
      async planAccountClosing() {
        return { withdrawnDrafts: ['d1'] };
      },
      async onAccountClosing(manager: EntityManager, event) {
        const [row] = await manager.query(`SELECT status FROM accounts WHERE id = '${event.account.id}'`);
        seen.push(`${event.reason}:${row.status}`);
        if (fail) throw new Error('drafts could not be withdrawn');
        return { withdrawnDrafts: ['d1'] };
      },
    });
    const account = await createAccount(t, c.manager.id);
    const staff = await t.newStaff(['staff']);
    await t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: staff.id, reason: 'x' });

    const failed = await t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'first try' });
    expect(failed.status).toBe(500);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body.status).toBe('pending_dpia');
    expect((await t.http.get(`/api/v1/accounts/${account.id}/authorisations?active=true`).set(bearer(c.admin))).body.items).toHaveLength(1);

    fail = false;
    const closed = await t.http.post(`/api/v1/accounts/${account.id}/close`).set(bearer(c.admin)).send({ reason: 'second try' });
    expect(closed.status).toBe(200);
    expect(seen).toEqual(['first try:closed', 'second try:closed']);
    const [entry] = await auditFor(t, account.id);
    expect(entry.details.withdrawnDrafts).toEqual(['d1']);
    fail = true;
    (hooks as unknown as { hooks: unknown[] }).hooks.length = 0;
  });
});
