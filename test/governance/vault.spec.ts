import { readdirSync, readFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { AccountOffboarding } from '../../src/accounts/account-offboarding';
import { CredentialVault } from '../../src/accounts/vault/credential-vault';
import { Transactions } from '../../src/common/database/transactions';
import { CredentialsUnreadableError } from '../../src/accounts/vault/vault-errors';
import { bearer } from '../support/test-app';
import { useWorld } from '../support/world';
import { auditFor, cast, createAccount } from './fixtures';

describe('the credential vault', () => {
  const { t, s: c } = useWorld(cast);

  const ACCESS = 'EAAGm0PX4ZCpsBA-unique-access-token-7f3c9a';
  const REFRESH = 'refresh-token-unique-b81d22';
  const SECRET = 'client-secret-unique-5e0aa1';

  it('stores credentials encrypted: never returned, never audited, not findable in the database', async () => {
    const account = await createAccount(t, c.manager.id, { mode: 'live' });
    const expiresAt = new Date(t.now().getTime() + 60 * 86_400_000).toISOString();
    const put = await t.http
      .put(`/api/v1/accounts/${account.id}/credentials`)
      .set(bearer(c.admin))
      .send({ accessToken: ACCESS, refreshToken: REFRESH, clientId: 'app-123', clientSecret: SECRET, expiresAt });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');

    const read = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin));
    expect(read.body).toMatchObject({ hasCredentials: true, credentialsExpireAt: expiresAt, connectedById: await t.adminId() });
    const list = await t.http.get('/api/v1/accounts').set(bearer(c.admin));
    const audit = await t.http.get(`/api/v1/audit?subjectId=${account.id}`).set(bearer(c.admin));
    const exported = await t.http.get('/api/v1/audit/export?format=csv').set(bearer(c.admin));
    for (const body of [JSON.stringify(read.body), JSON.stringify(list.body), JSON.stringify(audit.body), exported.text]) {
      for (const secret of [ACCESS, REFRESH, SECRET]) expect(body).not.toContain(secret);
    }
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'account.credentials_replaced');
    expect(entry.details).toEqual({ connectedById: await t.adminId(), expiresAt, supplied: ['accessToken', 'refreshToken', 'clientId', 'clientSecret'] });

    // Every table's rows, as the database returns them.
    for (const table of ['accounts', 'audit_entries']) {
      const rows = JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`));
      for (const secret of [ACCESS, REFRESH, SECRET]) expect(rows).not.toContain(secret);
    }
    const [row] = await t.dataSource.query(`SELECT "credentialsCiphertext" FROM accounts WHERE id = '${account.id}'`);
    expect(row.credentialsCiphertext).toEqual(expect.any(String));
    expect(Buffer.from(row.credentialsCiphertext, 'base64').toString('latin1')).not.toContain(ACCESS);

    if (t.config.database.type === 'sqlite') {
      // The raw bytes of the database file and its write-ahead log.
      const file = t.config.database.path;
      const files = readdirSync(dirname(file)).filter((name) => name.startsWith(basename(file)));
      expect(files).toContain(basename(file));
      for (const name of files) {
        const bytes = readFileSync(join(dirname(file), name));
        expect(bytes.length).toBeGreaterThan(0);
        for (const secret of [ACCESS, REFRESH, SECRET]) {
          expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
        }
      }
      // The search works: the account's name, stored in the clear, is found.
      const all = Buffer.concat(files.map((name) => readFileSync(join(dirname(file), name))));
      expect(all.includes(Buffer.from(account.externalId, 'utf8'))).toBe(true);
    }

    // Only the vault opens them, for the publishing worker.
    expect(await t.app.get(CredentialVault).open(account.id)).toEqual({ accessToken: ACCESS, refreshToken: REFRESH, clientId: 'app-123', clientSecret: SECRET });
  });

  it('uses a fresh IV on every write, and refuses a tampered ciphertext rather than decrypting garbage', async () => {
    const account = await createAccount(t, c.manager.id);
    await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'same-token' });
    const [first] = await t.dataSource.query(`SELECT "credentialsCiphertext" AS c, "credentialsIv" AS iv FROM accounts WHERE id = '${account.id}'`);
    await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'same-token' });
    const [second] = await t.dataSource.query(`SELECT "credentialsCiphertext" AS c, "credentialsIv" AS iv FROM accounts WHERE id = '${account.id}'`);
    expect(second.iv).not.toBe(first.iv);
    expect(second.c).not.toBe(first.c);

    const vault = t.app.get(CredentialVault);
    expect((await vault.open(account.id)).accessToken).toBe('same-token');
    const bytes = Buffer.from(second.c, 'base64');
    bytes[0] ^= 0x01;
    await t.dataSource.query(`UPDATE accounts SET "credentialsCiphertext" = '${bytes.toString('base64')}' WHERE id = '${account.id}'`);
    await expect(vault.open(account.id)).rejects.toBeInstanceOf(CredentialsUnreadableError);

    // A ciphertext copied from another account's row does not open either.
    const other = await createAccount(t, c.manager.id);
    await t.dataSource.query(
      `UPDATE accounts SET "credentialsCiphertext" = '${second.c}', "credentialsIv" = '${second.iv}', "credentialsAuthTag" = (SELECT "credentialsAuthTag" FROM accounts WHERE id = '${account.id}') WHERE id = '${other.id}'`,
    );
    await expect(vault.open(other.id)).rejects.toBeInstanceOf(CredentialsUnreadableError);
  });

  it('records who connected the token (default the caller), and replacing clears rotation and invalid flags', async () => {
    const account = await createAccount(t, c.manager.id);
    const connector = await t.newStaff(['staff']);
    let put = await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'a', connectedById: connector.id });
    expect(put.status).toBe(204);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body.connectedById).toBe(connector.id);

    const yes = t.config.database.type === 'postgres' ? 'true' : '1';
    await t.dataSource.query(`UPDATE accounts SET "credentialRotationRequired" = ${yes}, "credentialsInvalid" = ${yes} WHERE "connectedById" = '${connector.id}'`);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body).toMatchObject({ credentialRotationRequired: true, credentialsInvalid: true });

    put = await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 'b' });
    expect(put.status).toBe(204);
    expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body).toMatchObject({
      connectedById: await t.adminId(),
      credentialRotationRequired: false,
      credentialsInvalid: false,
      credentialsExpireAt: null,
    });

    const leaver = await t.newStaff(['staff']);
    await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = '${leaver.id}'`);
    for (const body of [{ accessToken: 'c', connectedById: leaver.id }, { accessToken: 'c', connectedById: '6b3f1d0e-9f55-4a8e-bb0e-000000000000' }, {}, { accessToken: '' }, { accessToken: 'x', expiresAt: 'soon' }]) {
      const response = await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await auditFor(t, account.id)).filter((e) => e.action === 'account.credentials_replaced')).toHaveLength(2);
  });

  it('flags, in one statement, every open account whose token a leaver connected, and finds their platform-admin roles', async () => {
    const connector = await t.newStaff(['staff']);
    const a1 = await createAccount(t, c.manager.id);
    const a2 = await createAccount(t, c.manager.id);
    const untouched = await createAccount(t, c.manager.id);
    const closed = await createAccount(t, c.manager.id);
    for (const account of [a1, a2, closed]) {
      await t.http.put(`/api/v1/accounts/${account.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 't', connectedById: connector.id });
    }
    await t.http.put(`/api/v1/accounts/${untouched.id}/credentials`).set(bearer(c.admin)).send({ accessToken: 't' });
    await t.http.post(`/api/v1/accounts/${closed.id}/close`).set(bearer(c.admin)).send({ reason: 'retired' });
    await t.http.post(`/api/v1/accounts/${a2.id}/platform-admins`).set(bearer(c.admin)).send({ staffId: connector.id });

    const offboarding = t.app.get(AccountOffboarding);
    const flagged = await t.app.get(Transactions).run((manager) => offboarding.requireCredentialRotation(manager, connector.id));
    expect(flagged.sort()).toEqual([a1.id, a2.id].sort());
    for (const account of [a1, a2]) expect((await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(c.admin))).body.credentialRotationRequired).toBe(true);
    expect((await t.http.get(`/api/v1/accounts/${untouched.id}`).set(bearer(c.admin))).body.credentialRotationRequired).toBe(false);
    expect(await offboarding.platformAdminAccountIds(t.dataSource.manager, connector.id)).toEqual([a2.id]);
  });
});
