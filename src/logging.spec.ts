import pino from 'pino';
import { Writable } from 'stream';
import { REDACTED_PATHS } from './logging';
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
