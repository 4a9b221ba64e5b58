import { ConfigError } from './config.error';
import { readInt, readOptional, readString } from './env-readers';

type Env = Record<string, string | undefined>;

export interface MailConfig {
  /** Unset: no email, tasks in the app only. */
  smtp: { host: string; port: number; secure: boolean; startTls: boolean; user: string | null; password: string | null } | null;
  from: string;
  /** UK local hour (0-23) of the daily digest. */
  digestHour: number;
  /** First retry after a failed send; doubles each time, at most an hour. */
  retryBaseMs: number;
  /** How often a worker looks for mail to send; 0: this process sends none (tests drive the dispatcher). */
  pollMs: number;
}

/** GATEHOUSE_SMTP_URL: smtp://user:pass@host:587 (STARTTLS unless ?tls=off) or smtps://user:pass@host:465. */
export function readMailConfig(env: Env): MailConfig {
  const raw = readOptional(env, 'GATEHOUSE_SMTP_URL');
  let smtp: MailConfig['smtp'] = null;
  if (raw !== null) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError('GATEHOUSE_SMTP_URL', 'is not a URL (smtp://user:pass@host:587 or smtps://user:pass@host:465)');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('GATEHOUSE_SMTP_URL', 'must start with smtp:// or smtps://');
    if (!url.hostname) throw new ConfigError('GATEHOUSE_SMTP_URL', 'needs a host');
    const secure = url.protocol === 'smtps:';
    const tls = url.searchParams.get('tls');
    if (tls !== null && tls !== 'off') throw new ConfigError('GATEHOUSE_SMTP_URL', 'takes only ?tls=off');
    smtp = {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      startTls: !secure && tls !== 'off',
      user: url.username ? decodeURIComponent(url.username) : null,
      password: url.password ? decodeURIComponent(url.password) : null,
    };
  }
  const from = readString(env, 'GATEHOUSE_MAIL_FROM', 'Gatehouse <gatehouse@localhost>');
  if (!/@/.test(from) || /[\r\n]/.test(from)) throw new ConfigError('GATEHOUSE_MAIL_FROM', 'must be an address such as "Gatehouse <gatehouse@example.org>"');
  return {
    smtp,
    from,
    digestHour: readInt(env, 'GATEHOUSE_DIGEST_HOUR', 8, 0, 23),
    retryBaseMs: readInt(env, 'GATEHOUSE_MAIL_RETRY_BASE_MS', 60_000, 1, 3_600_000),
    pollMs: readInt(env, 'GATEHOUSE_MAIL_POLL_MS', 5000, 0, 3_600_000),
  };
}
