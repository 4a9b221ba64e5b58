import { generateKeyPairSync } from 'crypto';
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { availableParallelism, tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from './load-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'gatehouse-config-'));
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const dir = dataDir();
    const config = loadConfig({ GATEHOUSE_DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', url: `sqlite:${join(dir, 'gatehouse.sqlite')}`, path: join(dir, 'gatehouse.sqlite') });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.mediaDir).toBe(join(dir, 'media'));
    expect(config.requireTraining).toBe(false);
    expect(config.rateLimitPerMinute).toBe(1000);
    expect(config.scimToken).toBeNull();
    expect(config.orgDomains).toEqual([]);
    expect(config.role).toBe('all');
    expect(config.platforms.graphApiVersion).toMatch(/^v\d+\.0$/);
    expect(config.platforms.requestTimeoutMs).toBe(30_000);
  });

  it('generates the vault key once into the data directory with mode 0600', () => {
    const dir = dataDir();
    const first = loadConfig({ GATEHOUSE_DATA_DIR: dir });
    expect(first.vaultKey).toHaveLength(32);
    expect(first.vaultKeyFromDataDir).toBe(true);
    const file = join(dir, 'vault.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(first.vaultKey);
    expect(loadConfig({ GATEHOUSE_DATA_DIR: dir }).vaultKey).toEqual(first.vaultKey);
  });

  it('uses GATEHOUSE_VAULT_KEY when given and writes no file', () => {
    const dir = dataDir();
    const config = loadConfig({ GATEHOUSE_DATA_DIR: dir, GATEHOUSE_VAULT_KEY: KEY });
    expect(config.vaultKey).toEqual(Buffer.alloc(32, 7));
    expect(() => statSync(join(dir, 'vault.key'))).toThrow();
  });

  it('generates the audit signing key once into the data directory with mode 0600', () => {
    const dir = dataDir();
    const first = loadConfig({ GATEHOUSE_DATA_DIR: dir, GATEHOUSE_VAULT_KEY: KEY });
    expect(first.auditSigningKey.asymmetricKeyType).toBe('ed25519');
    expect(first.auditSigningKeyFromDataDir).toBe(true);
    const file = join(dir, 'audit-signing.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const again = loadConfig({ GATEHOUSE_DATA_DIR: dir, GATEHOUSE_VAULT_KEY: KEY });
    expect(again.auditSigningKey.export({ type: 'pkcs8', format: 'der' })).toEqual(first.auditSigningKey.export({ type: 'pkcs8', format: 'der' }));
    expect(first.auditCheckpointFile).toBe(join(dir, 'audit-checkpoints.jsonl'));
  });

  it('uses GATEHOUSE_AUDIT_SIGNING_KEY when given (also with literal \\n) and writes no file', () => {
    const dir = dataDir();
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of [pem, pem.trim().replace(/\n/g, '\\n')]) {
      const config = loadConfig({ GATEHOUSE_DATA_DIR: dir, GATEHOUSE_VAULT_KEY: KEY, GATEHOUSE_AUDIT_SIGNING_KEY: value, GATEHOUSE_AUDIT_CHECKPOINT_FILE: join(dir, 'elsewhere.jsonl') });
      expect(config.auditSigningKey.export({ type: 'pkcs8', format: 'pem' })).toBe(pem);
      expect(config.auditSigningKeyFromDataDir).toBe(false);
      expect(config.auditCheckpointFile).toBe(join(dir, 'elsewhere.jsonl'));
    }
    expect(() => statSync(join(dir, 'audit-signing.key'))).toThrow();
  });

  it('stops on an audit signing key that is not an Ed25519 PKCS#8 PEM, without echoing it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const [value, message] of [
      ['not a key', 'Configuration error: GATEHOUSE_AUDIT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM'],
      [rsa, 'Configuration error: GATEHOUSE_AUDIT_SIGNING_KEY must be an Ed25519 private key, got rsa'],
    ]) {
      expect(() => loadConfig({ GATEHOUSE_DATA_DIR: dataDir(), GATEHOUSE_VAULT_KEY: KEY, GATEHOUSE_AUDIT_SIGNING_KEY: value })).toThrow(message);
    }
  });

  it('reads PostgreSQL URLs', () => {
    expect(loadConfig({ GATEHOUSE_DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db:5432/gatehouse', GATEHOUSE_VAULT_KEY: KEY }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u:p@db:5432/gatehouse',
    });
  });

  it.each([
    ['PORT', 'eighty', 'Configuration error: PORT must be a whole number, got "eighty"'],
    ['PORT', '70000', 'Configuration error: PORT must be between 1 and 65535, got 70000'],
    ['DATABASE_URL', 'mysql://u:secret@h/db', 'Configuration error: DATABASE_URL must start with sqlite: or postgres://, got "mysql://***@h/db"'],
    ['REDIS_URL', 'http://localhost', 'Configuration error: REDIS_URL must use redis: or rediss:, got "http:"'],
    ['GATEHOUSE_VAULT_KEY', 'c2hvcnQ=', 'Configuration error: GATEHOUSE_VAULT_KEY must decode to 32 bytes, got 5'],
    ['GATEHOUSE_VAULT_KEY', 'not base64!', 'Configuration error: GATEHOUSE_VAULT_KEY must be base64'],
    ['GATEHOUSE_REQUIRE_TRAINING', 'maybe', 'Configuration error: GATEHOUSE_REQUIRE_TRAINING must be true or false, got "maybe"'],
    ['GATEHOUSE_ROLE', 'both', 'Configuration error: GATEHOUSE_ROLE must be one of api, worker, all, got "both"'],
    ['GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL', 'admin', 'Configuration error: GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL must be an email address'],
    ['GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD', 'short', 'Configuration error: GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters'],
    ['GATEHOUSE_SCIM_TOKEN', 'tiny', 'Configuration error: GATEHOUSE_SCIM_TOKEN must be at least 32 characters'],
    ['GATEHOUSE_PUBLIC_URL', 'not a url', 'Configuration error: GATEHOUSE_PUBLIC_URL must be a URL, got "not a url"'],
    ['GATEHOUSE_ORG_DOMAINS', 'example.org, bad domain', 'Configuration error: GATEHOUSE_ORG_DOMAINS has "bad domain", which is not a domain name'],
    ['GATEHOUSE_RATE_LIMIT_PER_MINUTE', '0', 'Configuration error: GATEHOUSE_RATE_LIMIT_PER_MINUTE must be between 1 and 10000000, got 0'],
    ['GATEHOUSE_GRAPH_API_VERSION', '24', 'Configuration error: GATEHOUSE_GRAPH_API_VERSION must look like v24.0, got "24"'],
    ['GATEHOUSE_LINKEDIN_VERSION', '2026-10', 'Configuration error: GATEHOUSE_LINKEDIN_VERSION must look like 202610 (YYYYMM), got "2026-10"'],
    ['GATEHOUSE_PLATFORM_TIMEOUT_MS', '30s', 'Configuration error: GATEHOUSE_PLATFORM_TIMEOUT_MS must be a whole number, got "30s"'],
    ['GATEHOUSE_PLATFORM_TIMEOUT_MS', '50', 'Configuration error: GATEHOUSE_PLATFORM_TIMEOUT_MS must be between 100 and 600000, got 50'],
    ['GATEHOUSE_FACEBOOK_GRAPH_URL', 'ftp://graph', 'Configuration error: GATEHOUSE_FACEBOOK_GRAPH_URL must use http: or https:, got "ftp:"'],
    ['GATEHOUSE_FACEBOOK_APP_ID', '1234567890', 'Configuration error: GATEHOUSE_FACEBOOK_APP_SECRET must be set when GATEHOUSE_FACEBOOK_APP_ID is'],
    ['GATEHOUSE_GOOGLE_CLIENT_SECRET', 'GOCSPX-abc', 'Configuration error: GATEHOUSE_GOOGLE_CLIENT_ID must be set when GATEHOUSE_GOOGLE_CLIENT_SECRET is'],
    ['GATEHOUSE_LINKEDIN_AUTH_URL', 'linkedin', 'Configuration error: GATEHOUSE_LINKEDIN_AUTH_URL must be a URL, got "linkedin"'],
  ])('stops on a bad %s with one line naming it', (variable, value, message) => {
    expect(() => loadConfig({ GATEHOUSE_DATA_DIR: dataDir(), GATEHOUSE_VAULT_KEY: KEY, [variable]: value })).toThrow(message);
    try {
      loadConfig({ GATEHOUSE_DATA_DIR: dataDir(), GATEHOUSE_VAULT_KEY: KEY, [variable]: value });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('reads organisation domains as a lower-cased list', () => {
    expect(loadConfig({ GATEHOUSE_DATA_DIR: dataDir(), GATEHOUSE_VAULT_KEY: KEY, GATEHOUSE_ORG_DOMAINS: 'Example.org, care.example.co.uk' }).orgDomains).toEqual([
      'example.org',
      'care.example.co.uk',
    ]);
  });

  it('reads the sign-in limits, defaulting argon2 to half the cores and refusing a per-address queue longer than the queue', () => {
    const base = { GATEHOUSE_DATA_DIR: dataDir(), GATEHOUSE_VAULT_KEY: KEY };
    expect(loadConfig(base).login).toEqual({ argon2Concurrency: Math.max(1, Math.floor(availableParallelism() / 2)), queue: 16, queuePerAddress: 4 });
    expect(loadConfig({ ...base, GATEHOUSE_ARGON2_CONCURRENCY: '2', GATEHOUSE_LOGIN_QUEUE: '8', GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS: '8' }).login).toEqual({ argon2Concurrency: 2, queue: 8, queuePerAddress: 8 });
    expect(() => loadConfig({ ...base, GATEHOUSE_ARGON2_CONCURRENCY: '4' })).toThrow('GATEHOUSE_ARGON2_CONCURRENCY');
    expect(() => loadConfig({ ...base, GATEHOUSE_LOGIN_QUEUE: '0' })).toThrow('GATEHOUSE_LOGIN_QUEUE');
    expect(() => loadConfig({ ...base, GATEHOUSE_LOGIN_QUEUE: '4', GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS: '5' })).toThrow('GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS');
  });
});
