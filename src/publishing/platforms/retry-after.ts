import { parseJson, isRecord } from './platform-http';

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Meta's usage headers. `X-Business-Use-Case-Usage` says how long until access returns
 * (`estimated_time_to_regain_access`, in minutes); `X-App-Usage` only gives percentages, so it
 * yields no wait of its own.
 */
export function graphUsageWaitMs(headers: Headers): number | null {
  const raw = headers.get('x-business-use-case-usage');
  if (raw === null) return null;
  const usage = parseJson(raw);
  if (!isRecord(usage)) return null;
  let minutes: number | null = null;
  for (const entries of Object.values(usage)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const value = isRecord(entry) ? entry.estimated_time_to_regain_access : undefined;
      if (typeof value === 'number' && value > 0) minutes = Math.max(minutes ?? 0, value);
    }
  }
  return minutes === null ? null : minutes * 60_000;
}

/** The longest wait any of the platform's headers asks for, or null when none gives one. */
export function retryAfterFromHeaders(headers: Headers, nowMs: number): number | null {
  const waits = [parseRetryAfter(headers.get('retry-after'), nowMs), graphUsageWaitMs(headers)].filter(
    (w): w is number => w !== null,
  );
  return waits.length === 0 ? null : Math.max(...waits);
}
