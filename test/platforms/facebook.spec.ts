import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Clock } from '../../src/common/clock';
import { MediaLinks } from '../../src/publishing/media-links';
import { FacebookClient } from '../../src/publishing/platforms/facebook.client';
import { PlatformAccount, PublishRequest } from '../../src/publishing/platforms/platform-client';
import { PlatformHttp } from '../../src/publishing/platforms/platform-http';
import { on } from '../emulators/emulator-server';
import { GraphEmulator, graphError } from '../emulators/graph-emulator';
import { MediaHost } from '../emulators/media-host';
import { closedUrl, jpegBytes, platformConfig, quick, TEST_TIMEOUT_MS, window } from './platform-test-kit';

const PAGE = '104857600012345';
const TOKEN = 'EAAGpage-token';
const account: PlatformAccount = { platform: 'facebook', externalId: PAGE, mode: 'live' };
const credentials = { accessToken: TOKEN };

describe('Facebook client against the Graph API emulator', () => {
  let graph: GraphEmulator;
  let host: MediaHost;
  let links: MediaLinks;
  let client: FacebookClient;
  const mediaDir = mkdtempSync(join(tmpdir(), 'gatehouse-fb-media-'));
  const mediaId = '3f0d7c5e-0a53-4d7e-9b1f-6f3c2a1e9d01';

  beforeAll(async () => {
    writeFileSync(join(mediaDir, mediaId), jpegBytes(4096));
    graph = await new GraphEmulator().start();
    host = await new MediaHost(mediaDir, () => links).start();
    const config = platformConfig({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_GRAPH_API_VERSION: 'v25.0', GATEHOUSE_PUBLIC_URL: host.url });
    links = new MediaLinks(config, new Clock());
    client = new FacebookClient(config, new PlatformHttp(config), new Clock());
  });
  afterAll(async () => {
    await graph.stop();
    await host.stop();
  });
  beforeEach(() => {
    graph.requests.length = 0;
    graph.addPage(PAGE, TOKEN);
  });

  let n = 0;
  const textPost = (extra: Partial<PublishRequest['post']> = {}): PublishRequest => ({
    account,
    credentials,
    post: { text: `Open day at Elm House on Saturday (${++n})`, media: [], ...extra },
  });

  it('publishes a link post to the Page feed with the configured version and returns the permalink', async () => {
    const outcome = await client.publish(textPost({ link: 'https://elmhouse.example.org/open-day' }));

    expect(outcome).toEqual({ kind: 'published', externalId: expect.stringMatching(new RegExp(`^${PAGE}_\\d+$`)), url: expect.any(String) });
    const [post, permalink] = graph.requests;
    expect(post.method).toBe('POST');
    expect(post.path).toBe(`/v25.0/${PAGE}/feed`);
    expect(post.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(post.form)).toEqual({ message: `Open day at Elm House on Saturday (${n})`, link: 'https://elmhouse.example.org/open-day', access_token: TOKEN });
    expect(permalink.path).toBe(`/v25.0/${(outcome as { externalId: string }).externalId}`);
    expect(permalink.query.get('fields')).toBe('permalink_url');
    const [, postId] = (outcome as { externalId: string }).externalId.split('_');
    expect((outcome as { url: string }).url).toBe(`https://www.facebook.com/${PAGE}/posts/${postId}`);
  });

  it('publishes a single image through /photos with the signed URL, which the platform can download', async () => {
    const publicUrl = links.sign(mediaId);
    const outcome = await client.publish(
      textPost({ media: [{ mimeType: 'image/jpeg', bytes: 4096, path: join(mediaDir, mediaId), publicUrl }] }),
    );

    expect(outcome).toMatchObject({ kind: 'published' });
    const photos = graph.requestsTo(on('POST', '/photos'))[0];
    expect(photos.form.get('url')).toBe(publicUrl);
    expect(photos.form.get('caption')).toBe(`Open day at Elm House on Saturday (${n})`);
    expect(graph.downloads.at(-1)).toEqual({ url: publicUrl, status: 200, bytes: 4096, contentType: 'image/jpeg' });
    // The feed post id, not the photo id, is what a takedown must delete.
    const photoPost = graph.pagePosts.get(PAGE)!.at(-1)!;
    expect((outcome as { externalId: string }).externalId).toBe(photoPost.id);
  });

  it('is refused by the platform when the image link was tampered with', async () => {
    const publicUrl = links.sign(mediaId).replace(/sig=./, 'sig=_');
    const outcome = await client.publish(textPost({ media: [{ mimeType: 'image/jpeg', bytes: 4096, path: join(mediaDir, mediaId), publicUrl }] }));
    expect(outcome).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(graph.downloads.at(-1)!.status).toBe(403);
  });

  it('maps an invalid token to CREDENTIALS_INVALID', async () => {
    const outcome = await client.publish({ ...textPost(), credentials: { accessToken: 'expired' } });
    expect(outcome).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID', message: expect.stringContaining('error 190') });
  });

  it('maps a second identical message to DUPLICATE', async () => {
    const request = textPost();
    expect(await client.publish(request)).toMatchObject({ kind: 'published' });
    expect(await client.publish(request)).toMatchObject({ kind: 'refused', code: 'DUPLICATE' });
  });

  it.each([
    ['200 (permission)', graphError(403, 200, '(#200) The user hasn\'t authorized the application to perform this action'), { kind: 'refused', code: 'PERMISSION_DENIED' }],
    ['10 (permission)', graphError(400, 10, '(#10) Application does not have permission for this action'), { kind: 'refused', code: 'PERMISSION_DENIED' }],
    ['368 (policy block)', graphError(400, 368, 'The action attempted has been deemed abusive or is otherwise disallowed', { error_subcode: 1390008 }), { kind: 'refused', code: 'REJECTED_BY_PLATFORM' }],
    ['32 (page rate limit)', graphError(400, 32, 'Page request limit reached'), { kind: 'rate_limited', retryAfterMs: null }],
    ['100 (invalid parameter)', graphError(400, 100, 'Invalid parameter'), { kind: 'refused', code: 'REJECTED_BY_PLATFORM' }],
  ])('maps Graph error %s', async (_label, reply, expected) => {
    graph.failNext(reply, on('POST', '/feed'));
    expect(await client.publish(textPost())).toMatchObject(expected);
  });

  it('honours X-Business-Use-Case-Usage on a rate limit', async () => {
    graph.failNext(
      { ...graphError(400, 80001, 'There have been too many calls to this Page account.'), headers: { 'X-Business-Use-Case-Usage': JSON.stringify({ [PAGE]: [{ type: 'pages', call_count: 100, total_cputime: 10, total_time: 12, estimated_time_to_regain_access: 7 }] }) } },
      on('POST', '/feed'),
    );
    expect(await client.publish(textPost())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7 * 60_000 });
  });

  it('honours Retry-After on HTTP 429', async () => {
    graph.rateLimitNext(42, on('POST', '/feed'));
    expect(await client.publish(textPost())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 42_000 });
  });

  it('a 500 on the post is unknown: the post may exist', async () => {
    graph.serverErrorNext(on('POST', '/feed'));
    expect(await client.publish(textPost())).toMatchObject({ kind: 'unknown' });
  });

  it('no answer within the configured timeout is unknown, and the post it made is found afterwards', async () => {
    graph.hangNext(on('POST', '/feed'), true);
    const request = textPost();
    const config = platformConfig({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_GRAPH_API_VERSION: 'v25.0', ...quick });
    const impatient = new FacebookClient(config, new PlatformHttp(config), new Clock());
    const started = Date.now();
    const outcome = await impatient.publish(request);
    expect(outcome).toMatchObject({ kind: 'unknown', message: expect.stringContaining(`${TEST_TIMEOUT_MS} ms`) });
    expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS + 1500);

    const found = await client.findRecent({ account, credentials, post: request.post, ...window() });
    const created = graph.pagePosts.get(PAGE)!.at(-1)!;
    expect(found).toEqual({ kind: 'found', externalId: created.id, url: expect.stringContaining(created.id.split('_')[1]) });
    const feed = graph.requestsTo(on('GET', `/${PAGE}/feed`))[0];
    expect(feed.query.get('fields')).toContain('message');
    expect(feed.query.get('fields')).toContain('created_time');
  });

  it('a connection dropped after the request was sent is unknown', async () => {
    graph.dropNext(on('POST', '/feed'));
    expect(await client.publish(textPost())).toMatchObject({ kind: 'unknown' });
  });

  it('a refused connection is retryable: nothing was sent', async () => {
    const config = platformConfig({ GATEHOUSE_FACEBOOK_GRAPH_URL: await closedUrl() });
    const closed = new FacebookClient(config, new PlatformHttp(config), new Clock());
    expect(await closed.publish(textPost())).toMatchObject({ kind: 'not_created_retryable' });
  });

  it('findRecent says not_found when no post matches the text', async () => {
    await client.publish(textPost());
    expect(await client.findRecent({ account, credentials, post: { text: 'Something else entirely' }, ...window() })).toEqual({ kind: 'not_found' });
  });

  it('takes a post down with DELETE, and reports one already gone', async () => {
    const published = (await client.publish(textPost())) as { externalId: string };
    expect(await client.remove({ account, credentials, externalId: published.externalId })).toEqual({ kind: 'removed' });
    const del = graph.requestsTo(on('DELETE', published.externalId))[0];
    expect(del.path).toBe(`/v25.0/${published.externalId}`);
    expect(del.query.get('access_token')).toBe(TOKEN);
    expect(graph.pagePosts.get(PAGE)!.some((p) => p.id === published.externalId)).toBe(false);

    expect(await client.remove({ account, credentials, externalId: published.externalId })).toEqual({ kind: 'not_found' });
  });
});
