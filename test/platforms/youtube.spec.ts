import { randomBytes } from 'crypto';
import { Clock } from '../../src/common/clock';
import { PlatformAccount, PublishRequest } from '../../src/publishing/platforms/platform-client';
import { PlatformHttp } from '../../src/publishing/platforms/platform-http';
import { YouTubeClient } from '../../src/publishing/platforms/youtube.client';
import { on } from '../emulators/emulator-server';
import { googleError, YouTubeEmulator } from '../emulators/youtube-emulator';
import { mediaFile, platformConfig, quick, window } from './platform-test-kit';

const CHANNEL = 'UCx9aB3cD4eF5gH6iJ7kL8mN';
const TOKEN = 'ya29.valid';
const KIB = 1024;
const CHUNK = 256 * KIB;
const account: PlatformAccount = { platform: 'youtube', externalId: CHANNEL, mode: 'live' };
const refreshable = { refreshToken: '1//refresh', clientId: 'client.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };

describe('YouTube client against the Data API emulator', () => {
  let yt: YouTubeEmulator;
  let client: YouTubeClient;
  const video = randomBytes(600 * KIB); // three chunks of 256 KiB: 256 + 256 + 88
  const path = mediaFile('clip.mp4', video);
  const clientFor = (env: Record<string, string> = {}) => {
    const config = platformConfig({ GATEHOUSE_YOUTUBE_API_URL: yt.url, GATEHOUSE_GOOGLE_TOKEN_URL: `${yt.url}/token`, ...env });
    return new YouTubeClient(config, new PlatformHttp(config), new Clock(), { youtubeChunkBytes: CHUNK });
  };

  beforeAll(async () => {
    yt = await new YouTubeEmulator().start();
    client = clientFor();
  });
  afterAll(() => yt.stop());
  beforeEach(() => {
    yt.requests.length = 0;
    yt.tokens.set(TOKEN, CHANNEL);
    yt.refreshTokens.set(refreshable.refreshToken, { clientId: refreshable.clientId, clientSecret: refreshable.clientSecret, channelId: CHANNEL });
  });

  let n = 0;
  const request = (credentials: PublishRequest['credentials'] = { accessToken: TOKEN }, extra: Partial<PublishRequest['post']> = {}): PublishRequest => ({
    account,
    credentials,
    post: {
      title: `Residents' summer concert ${++n}`,
      text: 'Highlights from the concert in the garden.',
      link: 'https://elmhouse.example.org/events',
      media: [{ mimeType: 'video/mp4', bytes: video.length, path, publicUrl: 'https://unused.example' }],
      ...extra,
    },
  });
  const puts = () => yt.requestsTo(on('PUT', '/upload/youtube/v3/videos'));

  it('starts a resumable session with the documented metadata and sends the file in 256 KiB chunks', async () => {
    const outcome = await client.publish(request());

    const made = yt.videos.at(-1)!;
    expect(outcome).toEqual({ kind: 'published', externalId: made.id, url: `https://www.youtube.com/watch?v=${made.id}` });
    expect(made.bytes.equals(video)).toBe(true);
    expect(made.privacyStatus).toBe('public');

    const init = yt.requestsTo(on('POST', '/upload/youtube/v3/videos'))[0];
    expect(init.query.get('uploadType')).toBe('resumable');
    expect(init.query.get('part')).toBe('snippet,status');
    expect(init.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(init.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(init.headers['x-upload-content-length']).toBe(String(video.length));
    expect(init.headers['x-upload-content-type']).toBe('video/mp4');
    expect(init.json).toEqual({
      snippet: { title: `Residents' summer concert ${n}`, description: 'Highlights from the concert in the garden.\n\nhttps://elmhouse.example.org/events' },
      status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
    });
    expect(puts().map((p) => p.headers['content-range'])).toEqual([
      `bytes 0-${CHUNK - 1}/${video.length}`,
      `bytes ${CHUNK}-${2 * CHUNK - 1}/${video.length}`,
      `bytes ${2 * CHUNK}-${video.length - 1}/${video.length}`,
    ]);
  });

  it('continues from the Range of a 308 when the server kept only part of a chunk', async () => {
    yt.keepOnlyOfNextChunk = 100 * KIB;
    expect(await client.publish(request())).toMatchObject({ kind: 'published' });
    expect(yt.videos.at(-1)!.bytes.equals(video)).toBe(true);
    expect(puts()[1].headers['content-range']).toBe(`bytes ${100 * KIB}-${100 * KIB + CHUNK - 1}/${video.length}`);
  });

  it('starts again when the upload session is gone (404), making one video', async () => {
    const before = yt.videos.length;
    yt.failNext({ status: 404, body: 'Not Found' }, on('PUT', '/upload/youtube/v3/videos'));
    expect(await client.publish(request())).toMatchObject({ kind: 'published' });
    expect(yt.requestsTo(on('POST', '/upload/youtube/v3/videos'))).toHaveLength(2);
    expect(yt.videos.length).toBe(before + 1);
  });

  it('a chunk lost in transit is resumed after asking the session what it holds', async () => {
    const impatient = clientFor(quick);
    yt.hangNext(on('PUT', '/upload/youtube/v3/videos'));
    expect(await impatient.publish(request())).toMatchObject({ kind: 'published' });
    const ranges = puts().map((p) => p.headers['content-range']);
    expect(ranges[1]).toBe(`bytes */${video.length}`);
    expect(ranges[2]).toBe(`bytes 0-${CHUNK - 1}/${video.length}`);
  });

  it('a final chunk whose answer was lost is settled by the status query: the video is not made twice', async () => {
    const before = yt.videos.length;
    yt.dropNext((r) => r.method === 'PUT' && String(r.headers['content-range']).startsWith(`bytes ${2 * CHUNK}-`), true);
    const outcome = await client.publish(request());
    expect(outcome).toEqual({ kind: 'published', externalId: yt.videos.at(-1)!.id, url: expect.any(String) });
    expect(yt.videos.length).toBe(before + 1);
  });

  it('is unknown when the final chunk and the status query both fail, and findRecent then finds the video', async () => {
    const finalChunk = (r: { method: string; headers: Record<string, unknown> }) => r.method === 'PUT' && String(r.headers['content-range']).startsWith(`bytes ${2 * CHUNK}-`);
    yt.dropNext(finalChunk, true);
    yt.dropNext((r) => r.method === 'PUT' && String(r.headers['content-range']).startsWith('bytes */'));
    const req = request();
    expect(await client.publish(req)).toMatchObject({ kind: 'unknown' });

    const found = await client.findRecent({ account, credentials: { accessToken: TOKEN }, post: req.post, ...window() });
    const made = yt.videos.at(-1)!;
    expect(found).toEqual({ kind: 'found', externalId: made.id, url: `https://www.youtube.com/watch?v=${made.id}` });
    expect(yt.requestsTo(on('GET', '/youtube/v3/channels'))[0].query.get('id')).toBe(CHANNEL);
    expect(await client.findRecent({ account, credentials: { accessToken: TOKEN }, post: { title: 'Other', text: 'x' }, ...window() })).toEqual({ kind: 'not_found' });
  });

  it('a failed non-final chunk leaves nothing behind: retryable', async () => {
    yt.dropNext(on('PUT', '/upload/youtube/v3/videos'));
    yt.dropNext(on('PUT', '/upload/youtube/v3/videos'));
    expect(await client.publish(request())).toMatchObject({ kind: 'not_created_retryable' });
  });

  it('refreshes an expired token through the Google token endpoint before uploading', async () => {
    const outcome = await client.publish(request({ accessToken: 'ya29.old', expiresAt: new Date(Date.now() - 1000).toISOString(), ...refreshable }));
    expect(outcome).toMatchObject({ kind: 'published', credentialsRefreshed: { accessToken: expect.stringMatching(/^ya29\.refreshed-/), refreshToken: refreshable.refreshToken } });
    const token = yt.requestsTo(on('POST', '/token'))[0];
    expect(Object.fromEntries(token.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: refreshable.refreshToken,
      client_id: refreshable.clientId,
      client_secret: refreshable.clientSecret,
    });
    const expiresAt = Date.parse((outcome as { credentialsRefreshed: { expiresAt: string } }).credentialsRefreshed.expiresAt);
    expect(Math.abs(expiresAt - (Date.now() + 3599_000))).toBeLessThan(10_000);
    expect(yt.requestsTo(on('POST', '/upload/youtube/v3/videos'))[0].headers.authorization).toMatch(/^Bearer ya29\.refreshed-/);
  });

  it('refreshes after a 401 authError and retries the call once', async () => {
    const outcome = await client.publish(request({ accessToken: 'ya29.unknown', ...refreshable }));
    expect(outcome).toMatchObject({ kind: 'published', credentialsRefreshed: expect.any(Object) });
    expect(yt.requestsTo(on('POST', '/upload/youtube/v3/videos'))).toHaveLength(2);
  });

  it('invalid_grant on refresh is CREDENTIALS_INVALID; a 401 without a refresh token too', async () => {
    expect(await client.publish(request({ accessToken: 'ya29.unknown', ...refreshable, refreshToken: '1//revoked' }))).toMatchObject({
      kind: 'refused',
      code: 'CREDENTIALS_INVALID',
      message: expect.stringContaining('invalid_grant'),
    });
    expect(await client.publish(request({ accessToken: 'ya29.unknown' }))).toMatchObject({ kind: 'refused', code: 'CREDENTIALS_INVALID', message: expect.stringContaining('authError') });
  });

  it.each([
    ['403 quotaExceeded', googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.', 'youtube.quota'), { kind: 'rate_limited' }],
    ['400 uploadLimitExceeded', googleError(400, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.'), { kind: 'refused', code: 'REJECTED_BY_PLATFORM' }],
    ['403 forbidden', googleError(403, 'forbidden', 'Forbidden', 'global'), { kind: 'refused', code: 'PERMISSION_DENIED' }],
    ['403 insufficientPermissions', googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', 'global'), { kind: 'refused', code: 'PERMISSION_DENIED' }],
    ['500 backendError', { status: 500, body: { error: { code: 500, message: 'Backend Error' } } }, { kind: 'not_created_retryable' }],
  ])('maps %s on the session start', async (_label, reply, expected) => {
    yt.failNext(reply, on('POST', '/upload/youtube/v3/videos'));
    expect(await client.publish(request())).toMatchObject(expected);
  });

  it('honours Retry-After on 429 rateLimitExceeded', async () => {
    yt.rateLimitNext(17, on('POST', '/upload/youtube/v3/videos'));
    expect(await client.publish(request())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 17_000, message: expect.stringContaining('rateLimitExceeded') });
  });

  it('refuses, without calling YouTube, a post with no title or with < > in it', async () => {
    expect(await client.publish(request(undefined, { title: '' }))).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(await client.publish(request(undefined, { title: 'Fun <b>day</b>' }))).toMatchObject({ kind: 'refused', code: 'REJECTED_BY_PLATFORM' });
    expect(yt.requests).toHaveLength(0);
  });

  it('deletes a video and reports one already gone', async () => {
    const published = (await client.publish(request())) as { externalId: string };
    expect(await client.remove({ account, credentials: { accessToken: TOKEN }, externalId: published.externalId })).toEqual({ kind: 'removed' });
    expect(yt.requestsTo(on('DELETE', '/youtube/v3/videos'))[0].query.get('id')).toBe(published.externalId);
    expect(yt.videos.some((v) => v.id === published.externalId)).toBe(false);
    expect(await client.remove({ account, credentials: { accessToken: TOKEN }, externalId: published.externalId })).toEqual({ kind: 'not_found' });
  });
});
