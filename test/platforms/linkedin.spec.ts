import { readFileSync } from 'fs';
import { Clock } from '../../src/common/clock';
import { LinkedInClient } from '../../src/publishing/platforms/linkedin.client';
import { PlatformAccount, PublishRequest } from '../../src/publishing/platforms/platform-client';
import { PlatformHttp } from '../../src/publishing/platforms/platform-http';
import { on } from '../emulators/emulator-server';
import { linkedinError, LinkedInEmulator } from '../emulators/linkedin-emulator';
import { jpegBytes, mediaFile, platformConfig, quick, TEST_TIMEOUT_MS, window } from './platform-test-kit';

const ORG = '2414183';
const AUTHOR = `urn:li:organization:${ORG}`;
const TOKEN = 'AQV-access';
const account: PlatformAccount = { platform: 'linkedin', externalId: ORG, mode: 'live' };

describe('LinkedIn client against the Posts API emulator', () => {
  let li: LinkedInEmulator;
  let client: LinkedInClient;
  const clientFor = (env: Record<string, string> = {}) => {
    const config = platformConfig({ GATEHOUSE_LINKEDIN_API_URL: li.url, GATEHOUSE_LINKEDIN_TOKEN_URL: `${li.url}/oauth/v2/accessToken`, GATEHOUSE_LINKEDIN_VERSION: '202610', ...env });
    return new LinkedInClient(config, new PlatformHttp(config), new Clock());
  };

  beforeAll(async () => {
    li = await new LinkedInEmulator().start();
    client = clientFor();
  });
  afterAll(() => li.stop());
  beforeEach(() => {
    li.requests.length = 0;
    li.tokens.set(TOKEN, [ORG]);
  });

  let n = 0;
  const request = (extra: Partial<PublishRequest['post']> = {}, credentials: PublishRequest['credentials'] = { accessToken: TOKEN }): PublishRequest => ({
    account,
    credentials,
    post: { text: `We're hiring care workers (${++n})`, media: [], ...extra },
  });

  it('creates a post with the exact documented body and headers, escaping the commentary', async () => {
    const text = 'Well done Team_A! (Award) #care @ [Elm] {House} <3 a*b ~ c|d \\ end';
    const outcome = await client.publish(request({ text }));

    const post = li.posts.at(-1)!;
    expect(outcome).toEqual({ kind: 'published', externalId: post.id, url: `https://www.linkedin.com/feed/update/${post.id}` });
    const sent = li.requestsTo(on('POST', '/rest/posts'))[0];
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers['linkedin-version']).toBe('202610');
    expect(sent.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.json).toEqual({
      author: AUTHOR,
      commentary: 'Well done Team\\_A! \\(Award\\) \\#care \\@ \\[Elm\\] \\{House\\} \\<3 a\\*b \\~ c\\|d \\\\ end',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
  });

  it('attaches a link as content.article', async () => {
    await client.publish(request({ link: 'https://elmhouse.example.org/jobs', title: 'Jobs at Elm House' }));
    expect(li.requestsTo(on('POST', '/rest/posts'))[0].json.content).toEqual({ article: { source: 'https://elmhouse.example.org/jobs', title: 'Jobs at Elm House' } });
  });

  it('uploads an image (initializeUpload, PUT bytes) and posts it as content.media', async () => {
    const bytes = jpegBytes(5000);
    const path = mediaFile('photo.jpg', bytes);
    const outcome = await client.publish(request({ media: [{ mimeType: 'image/jpeg', bytes: bytes.length, path, publicUrl: 'https://unused.example' }] }));

    expect(outcome).toMatchObject({ kind: 'published' });
    const init = li.requestsTo(on('POST', '/rest/images'))[0];
    expect(init.query.get('action')).toBe('initializeUpload');
    expect(init.json).toEqual({ initializeUploadRequest: { owner: AUTHOR } });
    expect(init.headers['linkedin-version']).toBe('202610');
    const [urn, image] = [...li.images.entries()].at(-1)!;
    expect(image.bytes!.equals(readFileSync(path))).toBe(true);
    expect(li.requestsTo(on('PUT', /^\/dms-uploads\//))[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(li.requestsTo(on('POST', '/rest/posts'))[0].json.content).toEqual({ media: { id: urn } });
  });

  it('a 401 triggers one refresh, then the post goes through with the new token, which is handed back', async () => {
    li.refreshTokens.set('AQX-refresh', { clientId: 'cid', clientSecret: 'secret', orgs: [ORG] });
    li.rotateRefreshTokens = true;
    li.expiredTokens.add('AQV-old');
    const outcome = await client.publish(request({}, { accessToken: 'AQV-old', refreshToken: 'AQX-refresh', clientId: 'cid', clientSecret: 'secret' }));

    expect(outcome).toMatchObject({
      kind: 'published',
      credentialsRefreshed: { accessToken: expect.stringMatching(/^AQV-refreshed-/), refreshToken: expect.stringMatching(/^AQX-refresh-/), expiresAt: expect.any(String) },
    });
    const token = li.requestsTo(on('POST', '/oauth/v2/accessToken'))[0];
    expect(token.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(token.form)).toEqual({ grant_type: 'refresh_token', refresh_token: 'AQX-refresh', client_id: 'cid', client_secret: 'secret' });
    const posts = li.requestsTo(on('POST', '/rest/posts'));
    expect(posts).toHaveLength(2);
    expect(posts[1].headers.authorization).toBe(`Bearer ${(outcome as { credentialsRefreshed: { accessToken: string } }).credentialsRefreshed.accessToken}`);
    const expiresAt = Date.parse((outcome as { credentialsRefreshed: { expiresAt: string } }).credentialsRefreshed.expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(59 * 86_400_000);
  });

  it('refreshes before calling when the stored expiry has passed', async () => {
    li.refreshTokens.set('AQX-2', { clientId: 'cid', clientSecret: 'secret', orgs: [ORG] });
    li.rotateRefreshTokens = false;
    const outcome = await client.publish(
      request({}, { accessToken: 'AQV-dead', expiresAt: new Date(Date.now() - 1000).toISOString(), refreshToken: 'AQX-2', clientId: 'cid', clientSecret: 'secret' }),
    );
    expect(outcome).toMatchObject({ kind: 'published', credentialsRefreshed: { refreshToken: 'AQX-2' } });
    expect(li.requestsTo(on('POST', '/rest/posts'))).toHaveLength(1);
  });

  it('a refused refresh is CREDENTIALS_INVALID and nothing is posted', async () => {
    li.expiredTokens.add('AQV-old2');
    const outcome = await client.publish(request({}, { accessToken: 'AQV-old2', refreshToken: 'revoked', clientId: 'cid', clientSecret: 'secret' }));
    expect(outcome).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID' });
    expect(li.posts.some((p) => p.commentary.includes(`(${n})`))).toBe(false);
  });

  it('a 401 without a refresh token is CREDENTIALS_INVALID at once', async () => {
    expect(await client.publish(request({}, { accessToken: 'nope' }))).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID', message: expect.stringContaining('65600') });
    expect(li.requestsTo(on('POST', '/oauth/v2/accessToken'))).toHaveLength(0);
  });

  it('maps 403 ACCESS_DENIED, 422 DUPLICATE_POST, 429 and 426 (version sunset)', async () => {
    li.tokens.set('AQV-other-org', ['999']);
    expect(await client.publish(request({}, { accessToken: 'AQV-other-org' }))).toMatchObject({ kind: 'refused', code: 'PERMISSION_DENIED' });

    const req = request();
    await client.publish(req);
    expect(await client.publish(req)).toMatchObject({ kind: 'refused', code: 'DUPLICATE' });

    li.rateLimitNext(90, on('POST', '/rest/posts'));
    expect(await client.publish(request())).toEqual({ kind: 'rate_limited', retryAfterMs: 90_000, message: expect.stringContaining('TOO_MANY_REQUESTS') });

    const old = clientFor({ GATEHOUSE_LINKEDIN_VERSION: '202401' });
    expect(await old.publish(request())).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM', message: expect.stringContaining('GATEHOUSE_LINKEDIN_VERSION') });
  });

  it('maps a revoked token (65601) and other 4xx answers', async () => {
    li.failNext(linkedinError(401, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user', 65601), on('POST', '/rest/posts'));
    expect(await client.publish(request())).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID', message: expect.stringContaining('65601') });
    li.failNext(linkedinError(422, 'UNPROCESSABLE_ENTITY', 'ERROR :: /commentary :: length exceeds 3000'), on('POST', '/rest/posts'));
    expect(await client.publish(request())).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM', message: expect.stringContaining('/commentary') });
  });

  it('a 500 or no answer on the post is unknown; a lost image upload is retryable', async () => {
    li.serverErrorNext(on('POST', '/rest/posts'));
    expect(await client.publish(request())).toMatchObject({ kind: 'unknown' });

    li.hangNext(on('POST', '/rest/posts'));
    expect(await clientFor(quick).publish(request())).toMatchObject({ kind: 'unknown', message: expect.stringContaining(`${TEST_TIMEOUT_MS} ms`) });

    li.dropNext(on('PUT', /^\/dms-uploads\//));
    const path = mediaFile('p.jpg', jpegBytes(1000));
    expect(await client.publish(request({ media: [{ mimeType: 'image/jpeg', bytes: 1000, path, publicUrl: 'x' }] }))).toMatchObject({ kind: 'not_created_retryable' });
  });

  it('finds a post made by a dropped call by author, text and time', async () => {
    li.dropNext(on('POST', '/rest/posts'), true);
    const req = request({ text: 'Summer fete (tickets) #community' });
    expect(await client.publish(req)).toMatchObject({ kind: 'unknown' });

    const found = await client.findRecent({ account, credentials: { accessToken: TOKEN }, post: req.post, ...window() });
    const post = li.posts.at(-1)!;
    expect(found).toEqual({ kind: 'found', externalId: post.id, url: `https://www.linkedin.com/feed/update/${post.id}` });
    const finder = li.requestsTo(on('GET', '/rest/posts'))[0];
    expect(finder.query.get('q')).toBe('author');
    expect(finder.query.get('author')).toBe(AUTHOR);
    expect(await client.findRecent({ account, credentials: { accessToken: TOKEN }, post: { text: 'not there' }, ...window() })).toEqual({ kind: 'not_found' });
  });

  it('deletes a post by its URL-encoded URN and reports one already gone', async () => {
    const published = (await client.publish(request())) as { externalId: string };
    expect(await client.remove({ account, credentials: { accessToken: TOKEN }, externalId: published.externalId })).toEqual({ kind: 'removed' });
    const del = li.requestsTo(on('DELETE', /^\/rest\/posts\//))[0];
    expect(del.path).toBe(`/rest/posts/${encodeURIComponent(published.externalId)}`);
    expect(del.headers['linkedin-version']).toBe('202610');
    expect(await client.remove({ account, credentials: { accessToken: TOKEN }, externalId: published.externalId })).toEqual({ kind: 'not_found' });
  });
});
