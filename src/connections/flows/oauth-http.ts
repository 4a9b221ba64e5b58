import { HttpRequest, isRecord, parseJson, PlatformHttp } from '../../publishing/platforms/platform-http';

export type JsonAnswer =
  | { kind: 'answer'; status: number; json: Record<string, unknown> | null }
  | { kind: 'unavailable'; message: string };

/** One call to a platform's OAuth or API endpoint, answered as JSON (or null when the body was not JSON). */
export async function callJson(http: PlatformHttp, request: HttpRequest): Promise<JsonAnswer> {
  const result = await http.send(request);
  if (result.kind !== 'response') return { kind: 'unavailable', message: result.message };
  if (result.status >= 500) return { kind: 'unavailable', message: `the platform answered HTTP ${result.status}` };
  const json = parseJson(result.text);
  return { kind: 'answer', status: result.status, json: isRecord(json) ? json : null };
}

export const formPost = (url: string, fields: Record<string, string>): HttpRequest => ({
  method: 'POST',
  url,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

/** The platform's own words for a refusal, from the body shapes the platforms use (never a token: they do not echo them). */
export function platformError(json: Record<string, unknown> | null, status: number): string {
  if (json) {
    const nested = isRecord(json.error) ? json.error : null;
    if (nested && typeof nested.message === 'string') return nested.message;
    if (typeof json.error_description === 'string') return `${String(json.error)}: ${json.error_description}`;
    if (typeof json.error === 'string') return json.error;
    if (typeof json.message === 'string') return json.message;
  }
  return `HTTP ${status}`;
}

export const secondsFrom = (nowMs: number, seconds: unknown): string | null =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(nowMs + seconds * 1000).toISOString() : null;

export const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
