import { AddressInfo } from 'net';
import { Server } from 'http';
import { MediaLinks } from '../../src/publishing/media-links';
import { openBrowser } from '../e2e/support';
import { binary } from './access-support';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp } from '../support/test-app';
import { createDraft, pngBytes, QUIET_PUBLISHING, Stage, stage, upload } from '../drafts/support';

jest.setTimeout(120_000);

describe('security headers', () => {
  let t: TestApp;
  let s: Stage;
  let mediaId: string;
  let draftId: string;
  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    mediaId = (await upload(t, s.author.token, pngBytes(64), 'photo.png')).body.id;
    draftId = (await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Photo', media: [{ mediaId, altText: 'A photo', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] })).id;
  });
  afterAll(() => t.close());

  it('every answer carrying a token says Cache-Control: no-store', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.token).toEqual(expect.any(String));
    expect(login.headers['cache-control']).toBe('no-store');
    const web = await t.http.post('/web/session').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(web.status).toBe(200);
    expect(web.headers['cache-control']).toBe('no-store');
    const refused = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'wrong password here' });
    expect(refused.headers['cache-control']).toBe('no-store');
    expect((await t.http.get('/api/v1/me').set(bearer(login.body.token))).headers['cache-control']).toBe('no-store');
  });

  it('every API JSON answer, success or error, has X-Content-Type-Options: nosniff', async () => {
    const answers: [string, { headers: Record<string, string> }][] = [
      ['me', await t.http.get('/api/v1/me').set(bearer(s.author.token))],
      ['401', await t.http.get('/api/v1/me')],
      ['draft', await t.http.get(`/api/v1/drafts/${draftId}`).set(bearer(s.author.token))],
      ['404', await t.http.get('/api/v1/drafts/not-a-uuid').set(bearer(s.author.token))],
      ['400', await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ nonsense: true })],
      ['no route', await t.http.get('/api/v1/no-such-route').set(bearer(s.author.token))],
      ['health', await t.http.get('/health')],
      ['openapi', await t.http.get('/api/docs-json')],
    ];
    for (const [what, answer] of answers) {
      expect(answer.headers['content-type']).toMatch(/json/);
      expect({ what, nosniff: answer.headers['x-content-type-options'] }).toEqual({ what, nosniff: 'nosniff' });
    }
  });

  it('media for the app and for platforms has nosniff; signed media links also a Content-Disposition with a safe name', async () => {
    const inApp = await t.http.get(`/api/v1/drafts/${draftId}/media/${mediaId}`).set(bearer(s.author.token)).buffer(true).parse(binary);
    expect(inApp.status).toBe(200);
    expect(inApp.headers['x-content-type-options']).toBe('nosniff');
    expect(inApp.headers['content-disposition']).toMatch(/^inline/);
    const link = new URL(t.app.get(MediaLinks).sign(mediaId));
    for (const method of ['get', 'head'] as const) {
      const served = await t.http[method](`${link.pathname}${link.search}`).buffer(true).parse(binary);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect({ method, disposition: served.headers['content-disposition'] }).toEqual({ method, disposition: `inline; filename="${mediaId}.png"` });
    }
    const tampered = await t.http.get(`${link.pathname}?expires=1&sig=x`);
    expect(tampered.headers['x-content-type-options']).toBe('nosniff');
  });

  it('/api/docs has a CSP and may not be framed, and the UI still renders under them in Chromium', async () => {
    const docs = await t.http.get('/api/docs').redirects(1);
    expect(docs.status).toBe(200);
    const csp = docs.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['x-content-type-options']).toBe('nosniff');

    const server: Server = await new Promise((resolve) => {
      const listening = t.app.getHttpServer().listen(0, '127.0.0.1', () => resolve(listening));
    });
    const browser = await openBrowser(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      await browser.page.goto('/api/docs');
      await browser.page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
      expect(await browser.page.locator('.swagger-ui .info .title').innerText()).toContain('Gatehouse API');
      expect(await browser.page.locator('.opblock').count()).toBeGreaterThan(10);
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
