import { createHash } from 'crypto';
import { canonicalJson } from './canonical-json';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { csvField } from './csv';
import { scrubSecrets } from './scrub-secrets';

describe('the audit hash chain', () => {
  const entry = { id: 1, at: '2026-11-23T07:00:00.000Z', actorId: null, action: 'staff.created', subjectType: 'staff', subjectId: 'x', details: '{}' };

  it('is SHA-256 over the previous hash and the canonical entry', () => {
    const hash = chainHash(GENESIS_HASH, entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...entry })).toBe(hash);
    expect(chainHash('1'.repeat(64), entry)).not.toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...entry, action: 'staff.updated' })).not.toBe(hash);
  });

  it('hashes exactly the canonical JSON of the entry that API.md describes', () => {
    const shuffled = { subjectType: entry.subjectType, details: entry.details, id: entry.id, actorId: entry.actorId, action: entry.action, subjectId: entry.subjectId, at: entry.at };
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(shuffled)).digest('hex');
    expect(chainHash(GENESIS_HASH, entry)).toBe(expected);
  });

  it('canonicalises key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('drops anything that looks like a secret from details', () => {
    expect(scrubSecrets({ name: 'x', accessToken: 't', nested: { clientSecret: 's', ok: 1 }, list: [{ password: 'p' }] })).toEqual({
      name: 'x',
      nested: { ok: 1 },
      list: [{}],
    });
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(null)).toBe('');
  });
});
