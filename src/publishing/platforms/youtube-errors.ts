import { NotCreatedRetryable, RateLimited, Refused, Unknown } from './platform-client';
import { HttpResult, isRecord, parseJson } from './platform-http';
import { rateLimited, refused, serverError } from './outcomes';
import { retryAfterFromHeaders } from './retry-after';

const RATE_REASONS = new Set(['quotaExceeded', 'rateLimitExceeded', 'userRateLimitExceeded']);
const PERMISSION_REASONS = new Set(['forbidden', 'insufficientPermissions']);

/** `{"error": {"code", "message", "errors": [{"domain", "reason"}]}}` to an outcome. */
export function mapYouTubeError(
  response: Extract<HttpResult, { kind: 'response' }>,
  opts: { creating: boolean; nowMs: number },
): Refused | RateLimited | Unknown | NotCreatedRetryable {
  const body = parseJson(response.text);
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const first = error && Array.isArray(error.errors) && isRecord(error.errors[0]) ? error.errors[0] : null;
  const reason = first && typeof first.reason === 'string' ? first.reason : null;
  const message = error && typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
  const describe = `YouTube ${response.status}${reason ? ` ${reason}` : ''}: ${message}`;
  const status = response.status;

  if (status === 429 || (reason !== null && RATE_REASONS.has(reason))) {
    const wait = retryAfterFromHeaders(response.headers, opts.nowMs);
    // The daily project quota comes back at midnight Pacific time; retrying sooner only burns attempts.
    return rateLimited(wait ?? (reason === 'quotaExceeded' ? msUntilPacificMidnight(opts.nowMs) : null), describe);
  }
  if (status >= 500) return serverError(status, opts.creating, describe);
  if (status === 401 || reason === 'authError') return refused('CREDENTIALS_INVALID', describe);
  if (reason === 'uploadLimitExceeded') return refused('REJECTED_BY_PLATFORM', `${describe} (the channel's daily upload limit)`);
  if (status === 403 && (reason === null || PERMISSION_REASONS.has(reason))) return refused('PERMISSION_DENIED', describe);
  return refused('REJECTED_BY_PLATFORM', describe);
}

const PACIFIC = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function msUntilPacificMidnight(nowMs: number): number {
  const parts = Object.fromEntries(PACIFIC.formatToParts(new Date(nowMs)).map((p) => [p.type, Number(p.value)]));
  const elapsed = (parts.hour * 3600 + parts.minute * 60 + parts.second) * 1000 + (nowMs % 1000);
  return 86_400_000 - elapsed;
}
