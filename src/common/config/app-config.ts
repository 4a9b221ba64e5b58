import { IdentityConfig } from './identity-config';
import type { KeyObject } from 'crypto';
import { MailConfig } from './mail-config';

export type ProcessRole = 'api' | 'worker' | 'all';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; url: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  role: ProcessRole;
  database: DatabaseConfig;
  redisUrl: string;
  dataDir: string;
  mediaDir: string;
  /** Upload limits by kind of media; the defaults are API.md's (8 MiB images, 512 MiB video). */
  mediaLimits: { imageMaxBytes: number; videoMaxBytes: number };
  vaultKey: Buffer;
  vaultKeyFromDataDir: boolean;
  /** Ed25519 private key that signs audit entries and checkpoints; kept outside the database. */
  auditSigningKey: KeyObject;
  auditSigningKeyFromDataDir: boolean;
  /** Append-only file of signed audit checkpoints, outside the database. */
  auditCheckpointFile: string;
  bootstrapAdmin: { email: string | null; password: string | null };
  scimToken: string | null;
  /** Single sign-on, password sign-in and SCIM group roles. */
  identity: IdentityConfig;
  publicUrl: string;
  orgDomains: string[];
  requireTraining: boolean;
  rateLimitPerMinute: number;
  sessionTtlHours: number;
  /** Bounds on argon2 work, so a login flood neither starves other requests nor locks colleagues out. */
  login: {
    /** argon2 hashes and verifies at once, each on one libuv thread (node-sqlite3 and fs share that pool). */
    argon2Concurrency: number;
    /** Sign-ins waiting for an argon2 slot, all addresses together; beyond it the oldest waiting one gets 429. */
    queue: number;
    /** Sign-ins one client address may have waiting; beyond it that address's oldest waiting one gets 429. */
    queuePerAddress: number;
  };
  /**
   * argon2id's memory (KiB) and iterations: OWASP's parameters, unless a Jest run lowers them with
   * GATEHOUSE_TEST_CHEAP_PASSWORD_HASHING (refused outside Jest) so that its thousands of sign-ins stay cheap.
   */
  passwordHashing: { memoryCost: number; timeCost: number };
  /** Whether this process runs the scheduled jobs (leavers, reviews, expiries); tests turn them off and call the jobs directly. */
  scheduledJobs: boolean;
  publishing: {
    /** `bullmq` (Redis), or `sync`: jobs run in this process, for tests that need no Redis behaviour. */
    queueDriver: 'bullmq' | 'sync';
    /** BullMQ key prefix: instances sharing a Redis but not a database must differ. */
    queuePrefix: string;
    /** How often the outbox is checked for approved posts not yet queued. */
    outboxPollMs: number;
    workerConcurrency: number;
    /** How long a job may run before another worker treats its worker as dead (must exceed the platform timeout). */
    workerLockMs: number;
    /** First backoff after a rate limit that gave no Retry-After; doubles each time. */
    retryBaseMs: number;
  };
  mail: MailConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  platforms: {
    facebookGraphUrl: string;
    graphApiVersion: string;
    linkedinApiUrl: string;
    linkedinVersion: string;
    linkedinTokenUrl: string;
    youtubeApiUrl: string;
    googleTokenUrl: string;
    /** How long a platform call may go without an answer before its outcome counts as unknown. */
    requestTimeoutMs: number;
  };
  /** The platform apps Gatehouse signs in through (API.md section 15); a null client means that platform cannot be connected. */
  oauthApps: {
    facebook: { client: OAuthClient | null; loginUrl: string };
    linkedin: { client: OAuthClient | null; authUrl: string; introspectUrl: string };
    google: { client: OAuthClient | null; authUrl: string; tokeninfoUrl: string };
  };
}

export interface OAuthClient {
  id: string;
  secret: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
