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
  bootstrapAdmin: { email: string | null; password: string | null };
  scimToken: string | null;
  publicUrl: string;
  orgDomains: string[];
  requireTraining: boolean;
  rateLimitPerMinute: number;
  sessionTtlHours: number;
  /** Whether this process runs the scheduled jobs (leavers, reviews, expiries); tests turn them off and call the jobs directly. */
  scheduledJobs: boolean;
  publishing: {
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
}

export const APP_CONFIG = Symbol('APP_CONFIG');
