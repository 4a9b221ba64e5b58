import { Logger } from '@nestjs/common';
import { generateKeyPairSync, sign, verify, createPublicKey } from 'crypto';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { AuditCheckpoints } from '../../src/audit/audit-checkpoints.service';
import { chainHash } from '../../src/audit/hash-chain';
import { bearer, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { DatabaseWriter, Row } from './audit-tampering';
import { checkExportOffline } from './offline-audit-check';

const TEN_MINUTES = 10 * 60_000;
const checkpointLines = (t: TestApp) =>
  readFileSync(t.config.auditCheckpointFile, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: number; hash: string; at: string; signature: string });

/** Someone with write access to the database but not the key: a signature from another key. */
const otherKey = generateKeyPairSync('ed25519').privateKey;
const forgedSignature = (hash: string) => sign(null, Buffer.from(hash, 'ascii'), otherKey).toString('base64url');

describe('the signed audit trail against someone who can write the database', () => {
  let t: TestApp;
  let admin: string;
  let db: DatabaseWriter;
  const verifyChain = async (query = '') => (await t.http.get(`/api/v1/audit/verify${query}`).set(bearer(admin))).body;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    db = new DatabaseWriter(t.dataSource);
    for (let i = 0; i < 4; i++) await t.newStaff(['staff']);
    // A receipt, so that the checkpoint file covers every entry so far.
    expect((await t.http.get('/api/v1/audit/head').set(bearer(admin))).status).toBe(200);
  });
  afterAll(() => t.close());

  it('signs every entry with the installation key, as returned by /audit/public-key', async () => {
    const key = await t.http.get('/api/v1/audit/public-key').set(bearer(admin));
    expect(key.status).toBe(200);
    expect(key.body).toEqual({ algorithm: 'Ed25519', publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/) });
    expect(JSON.stringify(key.body)).not.toContain('PRIVATE');
    const publicKey = createPublicKey(key.body.publicKey);
    const list = await t.http.get('/api/v1/audit?limit=200').set(bearer(admin));
    expect(list.body.items.length).toBeGreaterThan(4);
    for (const entry of list.body.items) {
      expect(entry.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(verify(null, Buffer.from(entry.hash, 'ascii'), publicKey, Buffer.from(entry.signature, 'base64url'))).toBe(true);
    }
  });

  it('reports an intact chain as valid, with a signed checkpoint of the newest entry', async () => {
    const rows = await db.rows();
    const newest = rows[rows.length - 1];
    const result = await verifyChain();
    expect(result).toEqual({ valid: true, entries: rows.length, head: { id: newest.id, hash: newest.hash, at: expect.any(String), signature: expect.any(String) } });
    const publicKey = createPublicKey((await t.http.get('/api/v1/audit/public-key').set(bearer(admin))).body.publicKey);
    const text = `gatehouse-audit-checkpoint:${result.head.id}:${result.head.hash}:${result.head.at}`;
    expect(verify(null, Buffer.from(text, 'ascii'), publicKey, Buffer.from(result.head.signature, 'base64url'))).toBe(true);
  });

  it('catches deleting the newest entries: truncated at the first missing id', async () => {
    await db.tampering(async (genuine) => {
      const firstGone = genuine[genuine.length - 3].id;
      await db.deleteFrom(firstGone);
      expect(await verifyChain()).toEqual({ valid: false, entries: genuine.length - 3, firstBrokenId: firstGone, reason: 'truncated' });
    });
  });

  it('catches deleting every entry: truncated at 1', async () => {
    await db.tampering(async () => {
      await db.deleteFrom(1);
      expect(await verifyChain()).toEqual({ valid: false, entries: 0, firstBrokenId: 1, reason: 'truncated' });
    });
  });

  it('catches an appended entry whose hash is right but whose signature is not the installation’s', async () => {
    await db.tampering(async (genuine) => {
      const head = genuine[genuine.length - 1];
      const forged = { id: head.id + 1, at: new Date().toISOString(), actorId: null, action: 'staff.created', subjectType: 'staff', subjectId: 'x', details: '{}', prevHash: head.hash };
      const hash = chainHash(head.hash, forged);
      await db.insert({ ...forged, hash, signature: forgedSignature(hash) });
      expect(await verifyChain()).toEqual({ valid: false, entries: genuine.length + 1, firstBrokenId: head.id + 1, reason: 'signature' });
      // Borrowing a genuine signature from another entry, or none at all, fails the same way.
      for (const signature of [head.signature, null]) {
        await db.update(head.id + 1, { signature });
        expect(await verifyChain()).toMatchObject({ valid: false, firstBrokenId: head.id + 1, reason: 'signature' });
      }
    });
  });

  it('catches an edit whose later hashes were all recomputed: signature at the edited entry', async () => {
    await db.tampering(async (genuine) => {
      const edited = 3;
      let prevHash = genuine[edited - 2].hash;
      for (const row of genuine.slice(edited - 1)) {
        const changed: Row = { ...row, details: row.id === edited ? '{"forged":true}' : row.details, prevHash };
        changed.hash = chainHash(prevHash, changed);
        await db.update(row.id, { details: changed.details, prevHash: changed.prevHash, hash: changed.hash, signature: forgedSignature(changed.hash) });
        prevHash = changed.hash;
      }
      expect(await verifyChain()).toEqual({ valid: false, entries: genuine.length, firstBrokenId: edited, reason: 'signature' });
    });
  });

  it('catches an edit of details without recomputing: hash at the edited entry', async () => {
    await db.tampering(async (genuine) => {
      await db.update(4, { details: '{"forged":true}' });
      expect(await verifyChain()).toEqual({ valid: false, entries: genuine.length, firstBrokenId: 4, reason: 'hash' });
    });
  });

  it('catches a deleted middle entry: gap at its id', async () => {
    await db.tampering(async (genuine) => {
      await db.deleteOne(3);
      expect(await verifyChain()).toEqual({ valid: false, entries: genuine.length - 1, firstBrokenId: 3, reason: 'gap' });
    });
  });

  it('checks a kept receipt: a deleted or altered entry is truncated even where no checkpoint covers it', async () => {
    // Entries newer than the newest checkpoint: only a receipt the auditor kept can vouch for them.
    await t.newStaff(['staff']);
    await t.newStaff(['staff']);
    const [kept] = (await t.http.get('/api/v1/audit?limit=1').set(bearer(admin))).body.items;
    expect(Math.max(...checkpointLines(t).map((line) => line.id))).toBeLessThan(kept.id);

    await db.tampering(async () => {
      await db.deleteFrom(kept.id);
      expect(await verifyChain()).toMatchObject({ valid: true });
      expect(await verifyChain(`?expectId=${kept.id}&expectHash=${kept.hash}`)).toMatchObject({ valid: false, firstBrokenId: kept.id, reason: 'truncated' });
    });
    expect(await verifyChain(`?expectId=${kept.id}&expectHash=${'a'.repeat(64)}`)).toMatchObject({ valid: false, firstBrokenId: kept.id, reason: 'truncated' });
    expect(await verifyChain(`?expectId=${kept.id}&expectHash=${kept.hash}`)).toMatchObject({ valid: true });
  });

  it('refuses a half or malformed receipt with 400', async () => {
    for (const query of ['?expectId=3', `?expectHash=${'a'.repeat(64)}`, `?expectId=0&expectHash=${'a'.repeat(64)}`, '?expectId=3&expectHash=xyz']) {
      const response = await t.http.get(`/api/v1/audit/verify${query}`).set(bearer(admin));
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('hands out /audit/head as a receipt and appends it to the checkpoint file and the log', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    try {
      const head = await t.http.get('/api/v1/audit/head').set(bearer(admin));
      const rows = await db.rows();
      expect(head.body).toEqual({ id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash, at: expect.any(String), signature: expect.any(String) });
      expect(checkpointLines(t).pop()).toEqual(head.body);
      expect(logged).toHaveBeenCalledWith({ auditCheckpoint: head.body }, `Audit checkpoint at entry ${head.body.id}`);
    } finally {
      logged.mockRestore();
    }
  });

  it('exports jsonl that an auditor verifies offline with the public key alone, ending in a signed checkpoint that is also in the file', async () => {
    const publicKey = (await t.http.get('/api/v1/audit/public-key').set(bearer(admin))).body.publicKey;
    const response = await t.http.get('/api/v1/audit/export?format=jsonl').set(bearer(admin)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/jsonl/);
    const rows = await db.rows();
    const checked = checkExportOffline(response.body as string, publicKey);
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toBe(rows.length);
    expect(checked.checkpoint).toMatchObject({ id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash });
    expect(checkpointLines(t).pop()).toEqual(checked.checkpoint);

    // The same checker notices a doctored export.
    const doctored = (response.body as string).replace('"action":"staff.created"', '"action":"staff.updated"');
    expect(checkExportOffline(doctored, publicKey).problems).toEqual(expect.arrayContaining([expect.stringMatching(/: hash$/)]));
  });

  it('exports CSV with the signature column and appends a checkpoint for it', async () => {
    const before = checkpointLines(t).length;
    const response = await t.http.get('/api/v1/audit/export?format=csv').set(bearer(admin));
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,action,subjectType,subjectId,details,prevHash,hash,signature');
    const rows = await db.rows();
    expect(lines).toHaveLength(rows.length + 1);
    expect(checkpointLines(t)).toHaveLength(before + 1);
  });

  it('writes a checkpoint at least every 10 minutes while entries are being written', async () => {
    const checkpoints = t.app.get(AuditCheckpoints);
    await t.newStaff(['staff']);
    await checkpoints.settled();
    const before = checkpointLines(t).length;
    t.travel(TEN_MINUTES);
    await t.newStaff(['staff']);
    await checkpoints.settled();
    const lines = checkpointLines(t);
    expect(lines).toHaveLength(before + 1);
    // It names a committed entry, which the chain still has.
    const newest = lines[lines.length - 1];
    expect((await db.rows()).find((row) => row.id === newest.id)?.hash).toBe(newest.hash);
    // The scheduled tick catches up with entries written since, once due again.
    t.travel(TEN_MINUTES);
    const ticked = await checkpoints.checkpointHeadIfDue();
    const rows = await db.rows();
    expect(ticked).toMatchObject({ id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash });
    expect(await checkpoints.checkpointHeadIfDue()).toBeNull();
  });
});

describe('upgrading a trail written before signing', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('signs the existing entries once, at the first start without checkpoints, and never again', async () => {
    let t = await TestApp.start({}, database);
    await t.newStaff(['staff']);
    const db = new DatabaseWriter(t.dataSource);
    // The state before the upgrade: no signatures, no checkpoint file.
    await db.sql('UPDATE audit_entries SET signature = NULL');
    await t.close();
    rmSync(join(database.dataDir, 'audit-checkpoints.jsonl'));

    t = await TestApp.start({}, database);
    const admin = await t.adminToken();
    const upgraded = await t.http.get('/api/v1/audit/verify').set(bearer(admin));
    expect(upgraded.body).toMatchObject({ valid: true });
    const rows = await new DatabaseWriter(t.dataSource).rows();
    expect(rows.every((row) => row.signature !== null)).toBe(true);

    // Later, a row with no signature is a finding, not something a restart blesses.
    await new DatabaseWriter(t.dataSource).update(2, { signature: null });
    await t.close();
    t = await TestApp.start({}, database);
    try {
      const later = await t.http.get('/api/v1/audit/verify').set(bearer(await t.adminToken()));
      expect(later.body).toMatchObject({ valid: false, firstBrokenId: 2, reason: 'signature' });
    } finally {
      await t.close();
    }
  });
});
