import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Clock } from '../../src/common/clock';
import { MediaLinks } from '../../src/publishing/media-links';
import { InstagramClient } from '../../src/publishing/platforms/instagram.client';
import { PlatformAccount, PublishRequest } from '../../src/publishing/platforms/platform-client';
import { PlatformHttp } from '../../src/publishing/platforms/platform-http';
import { on } from '../emulators/emulator-server';
import { GraphEmulator, graphError } from '../emulators/graph-emulator';
import { MediaHost } from '../emulators/media-host';
import { jpegBytes, platformConfig, window } from './platform-test-kit';

const IG_USER = '17841405822304914';
const TOKEN = 'EAAGig-token';
const account: PlatformAccount = { platform: 'instagram', externalId: IG_USER, mode: 'live' };
const credentials = { accessToken: TOKEN };
const fast = { instagramPollIntervalMs: 10, instagramMaxPolls: 5 };

describe('Instagram client against the Graph API emulator', () => {
  let graph: GraphEmulator;
  let host: MediaHost;
  let links: MediaLinks;
  let client: InstagramClient;
  const mediaDir = mkdtempSync(join(tmpdir(), 'gatehouse-ig-media-'));
  const mediaId = '9a7e0c1d-2b3c-4d5e-8f90-a1b2c3d4e5f6';

  beforeAll(async () => {
    writeFileSync(join(mediaDir, mediaId), jpegBytes(8192));
    graph = await new GraphEmulator().start();
    host = await new MediaHost(mediaDir, () => links).start();
    const config = platformConfig({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_PUBLIC_URL: host.url });
    links = new MediaLinks(config, new Clock());
    client = new InstagramClient(config, new PlatformHttp(config), new Clock(), fast);
  });
  afterAll(async () => {
    await graph.stop();
    await host.stop();
  });
  beforeEach(() => {
    graph.requests.length = 0;
    graph.addInstagramUser(IG_USER, TOKEN);
    graph.pollsUntilFinished = 2;
  });

  let n = 0;
  const request = (extra: Partial<PublishRequest['post']> = {}): PublishRequest => ({
    account,
    credentials,
    post: {
      text: `Our gardening club harvested the first tomatoes (${++n})`,
      media: [{ mimeType: 'image/jpeg', bytes: 8192, path: join(mediaDir, mediaId), publicUrl: links.sign(mediaId) }],
      ...extra,
    },
  });

  it('checks the quota, creates a container from the signed URL, polls until FINISHED, publishes once and reads the permalink', async () => {
    const req = request({ link: 'https://elmhouse.example.org/garden' });
    const outcome = await client.publish(req);

    const media = graph.igMedia.get(IG_USER)!;
    expect(media).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'published', externalId: media[0].id, url: media[0].permalink });
    expect(graph.requests.map((r) => `${r.method} ${r.path.replace(/\/\d{6,}/g, '/{id}')}`)).toEqual([
      'GET /v24.0/{id}/content_publishing_limit',
      'POST /v24.0/{id}/media',
      'GET /v24.0/{id}',
      'GET /v24.0/{id}',
      'GET /v24.0/{id}',
      'POST /v24.0/{id}/media_publish',
      'GET /v24.0/{id}',
    ]);
    const create = graph.requestsTo(on('POST', '/media'))[0];
    expect(create.path).toBe(`/v24.0/${IG_USER}/media`);
    expect(create.form.get('image_url')).toBe(req.post.media[0].publicUrl);
    expect(create.form.get('caption')).toBe(`${req.post.text}\n\nhttps://elmhouse.example.org/garden`);
    expect(create.form.get('access_token')).toBe(TOKEN);
    // Instagram downloaded the image itself through the signed link.
    expect(graph.downloads.at(-1)).toMatchObject({ url: req.post.media[0].publicUrl, status: 200, bytes: 8192 });
    const containerId = [...graph.containers.keys()].at(-1)!;
    expect(graph.requestsTo(on('GET', `/${containerId}`))[0].query.get('fields')).toBe('status_code,status');
    expect(graph.requestsTo(on('POST', '/media_publish'))[0].form.get('creation_id')).toBe(containerId);
    expect(graph.requestsTo(on('GET', '/content_publishing_limit'))[0].query.get('fields')).toBe('quota_usage,config');
  });

  it('does not create anything when the publishing quota is used up', async () => {
    graph.quota.set(IG_USER, { usage: 50, total: 50 });
    const outcome = await client.publish(request());
    expect(outcome).toMatchObject({ kind: 'rate_limited', message: expect.stringContaining('50 of 50') });
    expect(graph.requestsTo(on('POST', '/media'))).toHaveLength(0);
  });

  it('reads the quota from the platform rather than assuming 50', async () => {
    graph.quota.set(IG_USER, { usage: 10, total: 10 });
    expect(await client.publish(request())).toMatchObject({ kind: 'rate_limited' });
    graph.quota.set(IG_USER, { usage: 50, total: 100 });
    expect(await client.publish(request())).toMatchObject({ kind: 'published' });
  });

  it('maps the quota error on media_publish (9/2207042) to a rate limit', async () => {
    graph.failNext(graphError(400, 9, 'Application request limit reached', { error_subcode: 2207042 }), on('POST', '/media_publish'));
    expect(await client.publish(request())).toMatchObject({ kind: 'rate_limited' });
  });

  it('maps suspected spam (2207051) to REJECTED_BY_PLATFORM', async () => {
    graph.failNext(graphError(400, 25, 'The action is blocked', { error_subcode: 2207051 }), on('POST', '/media_publish'));
    expect(await client.publish(request())).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM', message: expect.stringContaining('spam') });
  });

  it.each(['ERROR', 'EXPIRED'] as const)('a container ending %s is refused and never published', async (status) => {
    graph.nextContainerEnds = status;
    expect(await client.publish(request())).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(graph.requestsTo(on('POST', '/media_publish'))).toHaveLength(0);
  });

  it('a container already PUBLISHED is not published again: the live media is returned', async () => {
    graph.nextContainerEnds = 'PUBLISHED';
    const outcome = await client.publish(request());
    const media = graph.igMedia.get(IG_USER)!;
    expect(media).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'published', externalId: media[0].id, url: media[0].permalink });
    expect(graph.requestsTo(on('POST', '/media_publish'))).toHaveLength(0);
  });

  it('a container still processing after the last check is retryable: nothing is live', async () => {
    graph.pollsUntilFinished = 100;
    expect(await client.publish(request())).toMatchObject({ kind: 'not_created_retryable' });
    expect(graph.requestsTo(on('GET', /^\/v24\.0\/\d+$/))).toHaveLength(fast.instagramMaxPolls);
    expect(graph.igMedia.get(IG_USER)).toHaveLength(0);
  });

  it('an image Instagram cannot download is refused', async () => {
    const req = request();
    req.post.media[0].publicUrl = `${host.url}/media-links/${mediaId}`; // unsigned
    expect(await client.publish(req)).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(graph.downloads.at(-1)!.status).toBe(403);
  });

  it('failures before media_publish are retryable; a lost media_publish is unknown and found afterwards', async () => {
    graph.serverErrorNext(on('POST', '/media'));
    expect(await client.publish(request())).toMatchObject({ kind: 'not_created_retryable' });
    graph.dropNext(on('GET', /^\/v24\.0\/\d+$/));
    expect(await client.publish(request())).toMatchObject({ kind: 'not_created_retryable' });

    graph.dropNext(on('POST', '/media_publish'), true);
    const req = request();
    expect(await client.publish(req)).toMatchObject({ kind: 'unknown' });
    const media = graph.igMedia.get(IG_USER)!.at(-1)!;
    expect(await client.findRecent({ account, credentials, post: req.post, ...window() })).toEqual({ kind: 'found', externalId: media.id, url: media.permalink });
    expect(await client.findRecent({ account, credentials, post: { text: 'never posted' }, ...window() })).toEqual({ kind: 'not_found' });
  });

  it('an invalid token is CREDENTIALS_INVALID before anything is created', async () => {
    expect(await client.publish({ ...request(), credentials: { accessToken: 'revoked' } })).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID' });
    expect(graph.requestsTo(on('POST', '/media'))).toHaveLength(0);
  });

  it('refuses a post without exactly one JPEG without calling Instagram', async () => {
    expect(await client.publish(request({ media: [] }))).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(graph.requests).toHaveLength(0);
  });

  it('takedown is unsupported (a manual task)', async () => {
    expect(await client.remove()).toEqual({ kind: 'unsupported' });
  });
});
