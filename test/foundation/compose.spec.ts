import { generateKeyPairSync } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/common/config/load-config';

const root = join(__dirname, '..', '..');

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

  it('runs the API, a worker, PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gatehouse', 'postgres', 'redis', 'worker']);
    expect(compose.services.gatehouse.environment.GATEHOUSE_ROLE).toBe('api');
    expect(compose.services.worker.environment.GATEHOUSE_ROLE).toBe('worker');
    expect(compose.services.gatehouse.build).toBe('.');
    expect(compose.services.worker.image).toBe(compose.services.gatehouse.image);
  });

  it('gives both Gatehouse processes the same database, Redis, vault key, audit signing key and media volume', () => {
    const api = compose.services.gatehouse;
    const worker = compose.services.worker;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'GATEHOUSE_VAULT_KEY', 'GATEHOUSE_AUDIT_SIGNING_KEY', 'GATEHOUSE_AUDIT_CHECKPOINT_FILE', 'GATEHOUSE_MEDIA_DIR', 'GATEHOUSE_PUBLIC_URL']) {
      expect(worker.environment[name]).toBe(api.environment[name]);
    }
    expect(api.environment.DATABASE_URL).toMatch(/^postgres:\/\/gatehouse:.*@postgres:5432\/gatehouse$/);
    expect(api.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.postgres.environment.POSTGRES_DB).toBe('gatehouse');
    expect(api.volumes).toEqual(worker.volumes);
    expect(api.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('passes configuration the service accepts once variables are substituted', () => {
    const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(compose.services.gatehouse.environment as Record<string, string>)) {
      env[name] = String(value)
        .replace('${POSTGRES_PASSWORD:-gatehouse}', 'gatehouse')
        .replace(/\$\{GATEHOUSE_VAULT_KEY[^}]*\}/, Buffer.alloc(32, 1).toString('base64'))
        .replace(/\$\{GATEHOUSE_AUDIT_SIGNING_KEY[^}]*\}/, signingKeyPem)
        .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
    }
    const config = loadConfig(env);
    expect(config.database.type).toBe('postgres');
    expect(config.role).toBe('api');
    expect(config.auditSigningKeyFromDataDir).toBe(false);
  });

  it('builds from a Dockerfile that runs the compiled service', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/CMD \["node", ("--[a-z-]+=\d+", )*"dist\/main.js"\]/);
    // A heap limit keeps the image's memory bounded (the garbage is collected before it piles up).
    expect(dockerfile).toMatch(/"--max-old-space-size=\d+"/);
    expect(dockerfile).toMatch(/COPY config \.\/config/);
    expect(dockerfile).toMatch(/COPY web \.\/web/);
  });
});
