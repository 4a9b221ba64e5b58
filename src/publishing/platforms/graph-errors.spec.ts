import { mapGraphError } from './graph-errors';

function answer(status: number, error: Record<string, unknown> | null, headers: Record<string, string> = {}) {
  return { kind: 'response' as const, status, headers: new Headers(headers), text: error ? JSON.stringify({ error }) : '<html>oops</html>' };
}
const map = (status: number, code: number | null, subcode?: number, creating = true) =>
  mapGraphError(answer(status, code === null ? null : { message: 'm', type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'x' }), {
    creating,
    nowMs: 0,
    label: 'Facebook',
  });

describe('Graph API error mapping', () => {
  it.each([
    [190, undefined, 'CREDENTIALS_INVALID'],
    [190, 463, 'CREDENTIALS_INVALID'],
    [102, undefined, 'CREDENTIALS_INVALID'],
    [10, undefined, 'PERMISSION_DENIED'],
    [200, undefined, 'PERMISSION_DENIED'],
    [299, undefined, 'PERMISSION_DENIED'],
    [506, undefined, 'DUPLICATE'],
    [368, 1390008, 'REJECTED_BY_PLATFORM'],
    [100, undefined, 'REJECTED_BY_PLATFORM'],
    [25, 2207051, 'REJECTED_BY_PLATFORM'],
  ])('code %s/%s is refused as %s', (code, subcode, expected) => {
    expect(map(400, code, subcode)).toMatchObject({ kind: 'refused', code: expected });
  });

  it.each([4, 17, 32, 613, 80001, 9])('code %s is a rate limit', (code) => {
    expect(map(400, code, code === 9 ? 2207042 : undefined)).toMatchObject({ kind: 'rate_limited' });
  });

  it('takes the wait from the business use case header', () => {
    const outcome = mapGraphError(
      answer(400, { code: 80001, message: 'too many calls' }, { 'x-business-use-case-usage': '{"1":[{"type":"pages","estimated_time_to_regain_access":5}]}' }),
      { creating: true, nowMs: 0, label: 'Facebook' },
    );
    expect(outcome).toEqual({ kind: 'rate_limited', retryAfterMs: 300_000, message: 'Facebook error 80001: too many calls' });
  });

  it('a 5xx or a transient code is unknown on the creating call and retryable before it', () => {
    expect(map(500, null)).toMatchObject({ kind: 'unknown' });
    expect(map(500, 2)).toMatchObject({ kind: 'unknown' });
    expect(map(500, 2, undefined, false)).toMatchObject({ kind: 'not_created_retryable' });
  });

  it('a 4xx without a Graph error body is a rejection, not a guess', () => {
    expect(map(404, null)).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM', message: 'Facebook answered HTTP 404' });
  });
});
