import { NotCreatedRetryable, RateLimited, Refused, RefusalCode, Unknown } from './platform-client';
import { HttpResult } from './platform-http';

export const refused = (code: RefusalCode, message: string): Refused => ({ kind: 'refused', code, message });
export const rateLimited = (retryAfterMs: number | null, message: string): RateLimited => ({ kind: 'rate_limited', retryAfterMs, message });
export const unknown = (message: string): Unknown => ({ kind: 'unknown', message });
export const notCreated = (message: string): NotCreatedRetryable => ({ kind: 'not_created_retryable', message });

/**
 * A call that got no usable answer. Only a call that can create the post (`creating`) makes the outcome
 * unknown; a failed preparatory step (upload, container, quota check) leaves nothing on the platform.
 */
export function lostOrNotSent(result: Exclude<HttpResult, { kind: 'response' }>, creating: boolean, what: string): Unknown | NotCreatedRetryable {
  if (result.kind === 'not_sent' || !creating) return notCreated(`${what}: ${result.message}`);
  return unknown(`${what}: ${result.message}; the post may exist`);
}

/** A 5xx: the platform may have acted before failing. */
export function serverError(status: number, creating: boolean, what: string): Unknown | NotCreatedRetryable {
  if (!creating) return notCreated(`${what}: the platform answered ${status}`);
  return unknown(`${what}: the platform answered ${status}; the post may exist`);
}
