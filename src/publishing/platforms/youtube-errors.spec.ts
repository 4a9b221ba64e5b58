import { mapYouTubeError, msUntilPacificMidnight } from './youtube-errors';

const answer = (status: number, reason: string, headers: Record<string, string> = {}) => ({
  kind: 'response' as const,
  status,
  headers: new Headers(headers),
  text: JSON.stringify({ error: { code: status, message: 'm', errors: [{ message: 'm', domain: 'youtube.quota', reason }] } }),
});

describe('YouTube error mapping', () => {
  const now = Date.parse('2026-11-23T20:00:00Z'); // 12:00 in Los Angeles (PST, UTC-8)

  it('waits for the daily quota to come back at midnight Pacific time', () => {
    expect(msUntilPacificMidnight(now)).toBe(12 * 3_600_000);
    expect(mapYouTubeError(answer(403, 'quotaExceeded'), { creating: false, nowMs: now })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12 * 3_600_000 });
  });

  it('prefers Retry-After when given, and gives no wait for a short-term rate limit without one', () => {
    expect(mapYouTubeError(answer(403, 'quotaExceeded', { 'Retry-After': '60' }), { creating: false, nowMs: now })).toMatchObject({ retryAfterMs: 60_000 });
    expect(mapYouTubeError(answer(403, 'rateLimitExceeded'), { creating: false, nowMs: now })).toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
  });

  it('maps the rest per PLATFORMS.md', () => {
    const map = (status: number, reason: string, creating = true) => mapYouTubeError(answer(status, reason), { creating, nowMs: now });
    expect(map(401, 'authError')).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID' });
    expect(map(403, 'forbidden')).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED' });
    expect(map(403, 'insufficientPermissions')).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED' });
    expect(map(400, 'uploadLimitExceeded')).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(map(400, 'invalidTitle')).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(map(503, 'backendError')).toMatchObject({ kind: 'unknown' });
    expect(map(503, 'backendError', false)).toMatchObject({ kind: 'not_created_retryable' });
  });
});
