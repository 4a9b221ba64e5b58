import { randomBytes } from 'crypto';
import express from 'express';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AddressInfo } from 'net';
import { Server } from 'http';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { Writable } from 'stream';
import { loggingParams } from '../../src/logging';
import { loadConfig } from '../../src/common/config/load-config';

/** Request logging as the app configures it, into a sink the test reads. */
describe('signed media links are not written to the log', () => {
  let server: Server;
  const lines: string[] = [];
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite:unused.sqlite', GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-log-')), GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64') });
    const params = loggingParams({ ...config, logLevel: 'info' });
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const app = express();
    app.use(pinoHttp(params.pinoHttp as object, sink));
    app.get(/.*/, (_req, res) => res.status(200).send('ok'));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['a signed media link', '/media-links/0b5f8f1e-8d0c-4c1f-9a53-3f1f1f1f1f1f?expires=1900000000&sig=SECRETsig_abc-123', 'SECRETsig_abc-123'],
    ['the signature first, encoded', '/media-links/0b5f8f1e-8d0c-4c1f-9a53-3f1f1f1f1f1f?SIG=SECRET%2Bsig&expires=1', 'SECRET'],
    ['an OAuth callback', '/oauth/callback?code=SECRETcode&state=SECRETstate', 'SECRET'],
  ])('blanks %s but keeps the path and harmless parameters', async (_what, url, secret) => {
    lines.length = 0;
    await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).get(url).expect(200);
    const logged = lines.join('');
    expect(logged).toContain(url.split('?')[0]);
    expect(logged).not.toContain(secret);
    expect(logged).toContain('[redacted]');
    if (url.includes('expires=')) expect(logged).toMatch(/expires=\d+/);
  });
});
