import { HttpResult, isRecord, parseJson } from './platform-http';
import { NotCreatedRetryable, RateLimited, Refused, Unknown } from './platform-client';
import { rateLimited, refused, serverError } from './outcomes';
import { retryAfterFromHeaders } from './retry-after';

export interface GraphError {
  code: number | null;
  subcode: number | null;
  message: string;
}

/** `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`, or null when the body is not one. */
export function readGraphError(text: string): GraphError | null {
  const body = parseJson(text);
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const error = body.error;
  return {
    code: typeof error.code === 'number' ? error.code : null,
    subcode: typeof error.error_subcode === 'number' ? error.error_subcode : null,
    message: typeof error.message === 'string' ? error.message : 'no message',
  };
}

const RATE_LIMIT_CODES = new Set([4, 9, 17, 32, 613, 80001]);
const CREDENTIAL_CODES = new Set([102, 190]);
/** "An unknown error occurred" / "Service temporarily unavailable": the platform may or may not have acted. */
const TRANSIENT_CODES = new Set([1, 2]);
const IG_SPAM_SUBCODE = 2207051;

/** Maps a Graph API (Facebook, Instagram) error answer to an outcome. */
export function mapGraphError(
  response: Extract<HttpResult, { kind: 'response' }>,
  opts: { creating: boolean; nowMs: number; label: string },
): Refused | RateLimited | Unknown | NotCreatedRetryable {
  const error = readGraphError(response.text);
  const code = error?.code ?? null;
  const describe = error
    ? `${opts.label} error ${code}${error.subcode !== null ? `/${error.subcode}` : ''}: ${error.message}`
    : `${opts.label} answered HTTP ${response.status}`;
  const wait = () => retryAfterFromHeaders(response.headers, opts.nowMs);

  if (response.status === 429 || (code !== null && (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014)))) {
    return rateLimited(wait(), describe);
  }
  if (code !== null && TRANSIENT_CODES.has(code)) return serverError(response.status, opts.creating, describe);
  if (response.status >= 500) return serverError(response.status, opts.creating, describe);
  if (code === null) return refused('REJECTED_BY_PLATFORM', describe);
  if (CREDENTIAL_CODES.has(code)) return refused('CREDENTIALS_INVALID', describe);
  if (code === 10 || (code >= 200 && code <= 299)) return refused('PERMISSION_DENIED', describe);
  if (code === 506) return refused('DUPLICATE', describe);
  if (error?.subcode === IG_SPAM_SUBCODE) return refused('REJECTED_BY_PLATFORM', `${describe} (suspected spam)`);
  if (code === 368) return refused('REJECTED_BY_PLATFORM', `${describe} (blocked by the platform's policy)`);
  return refused('REJECTED_BY_PLATFORM', describe);
}
