import pino from 'pino';
import { Writable } from 'stream';
import { EventEmitter } from 'events';
import { REDACTED_PATHS, requestLog } from './logging';
import { loggedUrl } from './logged-url';

describe('log redaction', () => {
  it('blanks credentials wherever they appear in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({ req: { headers: { authorization: 'Bearer s3cr3t-token', cookie: 'gh_session=abc' } }, body: { password: 'hunter2hunter2', accessToken: 'EAAB-token', clientSecret: 'cs' } }, 'request');
    const output = lines.join('');
    for (const secret of ['s3cr3t-token', 'gh_session=abc', 'hunter2hunter2', 'EAAB-token', '"cs"']) expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
  });

  it('blanks the OAuth code and state of a callback address, keeping the rest', () => {
    expect(loggedUrl('/oauth/callback?code=AQBx-secret&state=s7ate&scope=a')).toBe('/oauth/callback?code=[redacted]&state=[redacted]&scope=a');
    expect(loggedUrl('/api/v1/drafts?cursor=abc')).toBe('/api/v1/drafts?cursor=abc');
  });
});

describe('request log', () => {
  function capture(level: pino.LevelWithSilent): { logger: pino.Logger; lines: () => Record<string, any>[] } {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    return { logger: pino({ level }, sink), lines: () => lines.map((line) => JSON.parse(line)) };
  }

  function finish(handler: ReturnType<typeof requestLog>, status: number): void {
    const req = { method: 'GET', originalUrl: '/media-links/abc?expires=1&sig=SECRETsig', headers: { authorization: 'Bearer s3cr3t' } };
    const res = Object.assign(new EventEmitter(), { statusCode: status });
    handler!(req as never, res as never, () => undefined);
    res.emit('finish');
  }

  it('writes one line per request at info, warn for 4xx and error for 5xx, without headers or secret query values', () => {
    const { logger, lines } = capture('info');
    const handler = requestLog(logger);
    finish(handler, 200);
    finish(handler, 404);
    finish(handler, 500);
    expect(lines().map((line) => [line.level, line.statusCode, line.req.url])).toEqual([
      [30, 200, '/media-links/abc?expires=1&sig=[redacted]'],
      [40, 404, '/media-links/abc?expires=1&sig=[redacted]'],
      [50, 500, '/media-links/abc?expires=1&sig=[redacted]'],
    ]);
    expect(JSON.stringify(lines())).not.toMatch(/s3cr3t|SECRETsig/);
  });

  it('drops what the level drops, and does nothing at all when silent', () => {
    const { logger, lines } = capture('warn');
    const handler = requestLog(logger);
    finish(handler, 200);
    finish(handler, 403);
    expect(lines().map((line) => line.statusCode)).toEqual([403]);
    expect(requestLog(capture('silent').logger)).toBeNull();
  });
});
