import { graphUsageWaitMs, parseRetryAfter, retryAfterFromHeaders } from './retry-after';

describe('Retry-After and usage headers', () => {
  const now = Date.parse('2026-11-23T08:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('reads the wait from X-Business-Use-Case-Usage, in minutes', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1234': [
          { type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 12 },
          { type: 'pages', call_count: 40, total_cputime: 2, total_time: 3, estimated_time_to_regain_access: 0 },
        ],
      }),
    });
    expect(graphUsageWaitMs(headers)).toBe(12 * 60_000);
  });

  it('gives no wait from X-App-Usage percentages alone, and takes the longest of several', () => {
    expect(retryAfterFromHeaders(new Headers({ 'x-app-usage': '{"call_count":100,"total_time":10,"total_cputime":5}' }), now)).toBeNull();
    const both = new Headers({
      'retry-after': '30',
      'x-business-use-case-usage': '{"1":[{"type":"pages","estimated_time_to_regain_access":2}]}',
    });
    expect(retryAfterFromHeaders(both, now)).toBe(120_000);
  });
});
