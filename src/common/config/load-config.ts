import { availableParallelism } from 'os';
import { isAbsolute, join, resolve } from 'path';
import { AppConfig, DatabaseConfig, OAuthClient, ProcessRole } from './app-config';
import { ConfigError } from './config.error';
import { readBool, readEnum, readInt, readOptional, readPattern, readString, readUrl, redactUrl } from './env-readers';
import { readIdentityConfig } from './identity-config';
import { decodeVaultKey, loadOrCreateVaultKey } from './vault-key';
import { decodeAuditSigningKey, loadOrCreateAuditSigningKey } from './audit-signing-key';
import { readMailConfig } from './mail-config';

type Env = Record<string, string | undefined>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Reads and validates every setting Gatehouse uses; nothing else reads process.env. */
export function loadConfig(env: Env = process.env): AppConfig {
  const port = readInt(env, 'PORT', 3000, 1, 65535);
  const dataDir = resolve(readString(env, 'GATEHOUSE_DATA_DIR', 'data'));
  const database = readDatabase(env, dataDir);
  const redisUrl = readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const role = readEnum<ProcessRole>(env, 'GATEHOUSE_ROLE', ['api', 'worker', 'all'], 'all');
  const mediaDir = resolve(readString(env, 'GATEHOUSE_MEDIA_DIR', join(dataDir, 'media')));

  const bootstrapEmail = readOptional(env, 'GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL');
  if (bootstrapEmail !== null && !EMAIL.test(bootstrapEmail)) {
    throw new ConfigError('GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL', 'must be an email address');
  }
  const bootstrapPassword = env.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD || null;
  if (bootstrapPassword !== null && bootstrapPassword.length < 12) {
    throw new ConfigError('GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD', 'must be at least 12 characters');
  }

  const scimToken = readOptional(env, 'GATEHOUSE_SCIM_TOKEN');
  if (scimToken !== null && scimToken.length < 32) {
    throw new ConfigError('GATEHOUSE_SCIM_TOKEN', 'must be at least 32 characters');
  }

  const orgDomains = (readOptional(env, 'GATEHOUSE_ORG_DOMAINS') ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  for (const domain of orgDomains) {
    if (!HOSTNAME.test(domain)) throw new ConfigError('GATEHOUSE_ORG_DOMAINS', `has "${domain}", which is not a domain name`);
  }

  const vaultKeyRaw = readOptional(env, 'GATEHOUSE_VAULT_KEY');
  const vault = vaultKeyRaw !== null
    ? { key: decodeVaultKey('GATEHOUSE_VAULT_KEY', vaultKeyRaw), generated: false }
    : loadOrCreateVaultKey(dataDir);
  const auditKeyRaw = readOptional(env, 'GATEHOUSE_AUDIT_SIGNING_KEY');
  const auditKey = auditKeyRaw !== null
    ? { key: decodeAuditSigningKey('GATEHOUSE_AUDIT_SIGNING_KEY', auditKeyRaw), generated: false }
    : loadOrCreateAuditSigningKey(dataDir);

  return {
    port,
    role,
    database,
    redisUrl,
    dataDir,
    mediaDir,
    mediaLimits: {
      imageMaxBytes: readInt(env, 'GATEHOUSE_MEDIA_IMAGE_MAX_BYTES', 8 * 1024 * 1024, 1, 2 ** 31 - 1),
      videoMaxBytes: readInt(env, 'GATEHOUSE_MEDIA_VIDEO_MAX_BYTES', 512 * 1024 * 1024, 1, 2 ** 31 - 1),
    },
    vaultKey: vault.key,
    vaultKeyFromDataDir: vaultKeyRaw === null,
    auditSigningKey: auditKey.key,
    auditSigningKeyFromDataDir: auditKeyRaw === null,
    auditCheckpointFile: resolve(readString(env, 'GATEHOUSE_AUDIT_CHECKPOINT_FILE', join(dataDir, 'audit-checkpoints.jsonl'))),
    bootstrapAdmin: { email: bootstrapEmail?.toLowerCase() ?? null, password: bootstrapPassword },
    scimToken,
    identity: readIdentityConfig(env),
    publicUrl: readUrl(env, 'GATEHOUSE_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']),
    orgDomains,
    requireTraining: readBool(env, 'GATEHOUSE_REQUIRE_TRAINING', false),
    rateLimitPerMinute: readInt(env, 'GATEHOUSE_RATE_LIMIT_PER_MINUTE', 1000, 1, 10_000_000),
    sessionTtlHours: readInt(env, 'GATEHOUSE_SESSION_HOURS', 12, 1, 24 * 30),
    login: readLoginLimits(env),
    passwordHashing: readPasswordHashing(env),
    scheduledJobs: readBool(env, 'GATEHOUSE_SCHEDULED_JOBS', true),
    publishing: {
      queueDriver: readEnum(env, 'GATEHOUSE_QUEUE_DRIVER', ['bullmq', 'sync'], 'bullmq'),
      queuePrefix: readPattern(env, 'GATEHOUSE_QUEUE_PREFIX', 'gatehouse', /^[A-Za-z0-9_-]{1,64}$/, 'gatehouse (letters, digits, - and _)'),
      outboxPollMs: readInt(env, 'GATEHOUSE_OUTBOX_POLL_MS', 200, 10, 60_000),
      workerConcurrency: readInt(env, 'GATEHOUSE_WORKER_CONCURRENCY', 4, 1, 100),
      workerLockMs: readInt(env, 'GATEHOUSE_WORKER_LOCK_MS', 60_000, 1000, 3_600_000),
      retryBaseMs: readInt(env, 'GATEHOUSE_RETRY_BASE_MS', 2000, 1, 3_600_000),
    },
    mail: readMailConfig(env),
    logLevel: readEnum(env, 'GATEHOUSE_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    platforms: {
      facebookGraphUrl: readUrl(env, 'GATEHOUSE_FACEBOOK_GRAPH_URL', 'https://graph.facebook.com', ['http:', 'https:']),
      graphApiVersion: readPattern(env, 'GATEHOUSE_GRAPH_API_VERSION', 'v24.0', /^v\d+\.\d+$/, 'v24.0'),
      linkedinApiUrl: readUrl(env, 'GATEHOUSE_LINKEDIN_API_URL', 'https://api.linkedin.com', ['http:', 'https:']),
      linkedinVersion: readPattern(env, 'GATEHOUSE_LINKEDIN_VERSION', '202610', /^20\d{2}(0[1-9]|1[0-2])$/, '202610 (YYYYMM)'),
      linkedinTokenUrl: readUrl(env, 'GATEHOUSE_LINKEDIN_TOKEN_URL', 'https://www.linkedin.com/oauth/v2/accessToken', ['http:', 'https:']),
      youtubeApiUrl: readUrl(env, 'GATEHOUSE_YOUTUBE_API_URL', 'https://www.googleapis.com', ['http:', 'https:']),
      googleTokenUrl: readUrl(env, 'GATEHOUSE_GOOGLE_TOKEN_URL', 'https://oauth2.googleapis.com/token', ['http:', 'https:']),
      requestTimeoutMs: readInt(env, 'GATEHOUSE_PLATFORM_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    oauthApps: {
      facebook: {
        client: readOAuthClient(env, 'GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'),
        loginUrl: readUrl(env, 'GATEHOUSE_FACEBOOK_LOGIN_URL', 'https://www.facebook.com', ['http:', 'https:']),
      },
      linkedin: {
        client: readOAuthClient(env, 'GATEHOUSE_LINKEDIN_CLIENT_ID', 'GATEHOUSE_LINKEDIN_CLIENT_SECRET'),
        authUrl: readUrl(env, 'GATEHOUSE_LINKEDIN_AUTH_URL', 'https://www.linkedin.com/oauth/v2/authorization', ['http:', 'https:']),
        introspectUrl: readUrl(env, 'GATEHOUSE_LINKEDIN_INTROSPECT_URL', 'https://www.linkedin.com/oauth/v2/introspectToken', ['http:', 'https:']),
      },
      google: {
        client: readOAuthClient(env, 'GATEHOUSE_GOOGLE_CLIENT_ID', 'GATEHOUSE_GOOGLE_CLIENT_SECRET'),
        authUrl: readUrl(env, 'GATEHOUSE_GOOGLE_AUTH_URL', 'https://accounts.google.com/o/oauth2/v2/auth', ['http:', 'https:']),
        tokeninfoUrl: readUrl(env, 'GATEHOUSE_GOOGLE_TOKENINFO_URL', 'https://oauth2.googleapis.com/tokeninfo', ['http:', 'https:']),
      },
    },
  };
}

/** Both halves or neither: a client id without its secret is a typo to report, not a half-configured app. */
function readOAuthClient(env: Env, idName: string, secretName: string): OAuthClient | null {
  const id = readOptional(env, idName);
  const secret = readOptional(env, secretName);
  if (id === null && secret === null) return null;
  if (id === null) throw new ConfigError(idName, `must be set when ${secretName} is`);
  if (secret === null) throw new ConfigError(secretName, `must be set when ${idName} is`);
  return { id, secret };
}

function readLoginLimits(env: Env): AppConfig['login'] {
  // Half the cores (at least one) leaves CPU for the event loop; at most 3 of libuv's 4 threads leaves one for database and file work.
  const argon2Concurrency = readInt(env, 'GATEHOUSE_ARGON2_CONCURRENCY', Math.max(1, Math.floor(availableParallelism() / 2)), 1, 3);
  const queue = readInt(env, 'GATEHOUSE_LOGIN_QUEUE', 16, 1, 1000);
  const queuePerAddress = readInt(env, 'GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS', 4, 1, 1000);
  if (queuePerAddress > queue) throw new ConfigError('GATEHOUSE_LOGIN_QUEUE_PER_ADDRESS', `must not exceed GATEHOUSE_LOGIN_QUEUE (${queue}), got ${queuePerAddress}`);
  return { argon2Concurrency, queue, queuePerAddress };
}

/** OWASP's first argon2id configuration (19 MiB, 2 iterations); the lowest argon2 allows only inside a Jest worker. */
function readPasswordHashing(env: Env): AppConfig['passwordHashing'] {
  if (!readBool(env, 'GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING', false)) return { memoryCost: 19 * 1024, timeCost: 2 };
  if (process.env.JEST_WORKER_ID === undefined) throw new ConfigError('GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING', 'is for the test suite only');
  return { memoryCost: 8, timeCost: 1 };
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const url = readString(env, 'DATABASE_URL', `sqlite:${join(dataDir, 'gatehouse.sqlite')}`);
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL', 'needs a file path after sqlite:');
    return { type: 'sqlite', url, path: path === ':memory:' || isAbsolute(path) ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', `is not a valid postgres:// URL ("${redactUrl(url)}")`);
    }
    return { type: 'postgres', url };
  }
  throw new ConfigError('DATABASE_URL', `must start with sqlite: or postgres://, got "${redactUrl(url)}"`);
}
