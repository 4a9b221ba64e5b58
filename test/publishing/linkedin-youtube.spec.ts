import { bearer, TestApp } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { LinkedInEmulator } from '../emulators/linkedin-emulator';
import { YouTubeEmulator } from '../emulators/youtube-emulator';
import { upload, videoBytes } from '../drafts/support';
import { approved, liveStage, settled } from './support';

jest.setTimeout(90_000);

/** The emulator checks bytes arrive, not frames. */
const mp4 = () => videoBytes('isom', 4096);

describe('publishing to live LinkedIn and YouTube accounts (emulators)', () => {
  let t: TestApp;
  let linkedin: LinkedInEmulator;
  let youtube: YouTubeEmulator;

  beforeAll(async () => {
    linkedin = await new LinkedInEmulator().start();
    youtube = await new YouTubeEmulator().start();
    t = await TestApp.start({
      GATEHOUSE_LINKEDIN_API_URL: linkedin.url,
      GATEHOUSE_LINKEDIN_TOKEN_URL: `${linkedin.url}/oauth/v2/accessToken`,
      GATEHOUSE_YOUTUBE_API_URL: youtube.url,
      GATEHOUSE_GOOGLE_TOKEN_URL: `${youtube.url}/token`,
      GATEHOUSE_PLATFORM_TIMEOUT_MS: '5000',
    });
  });
  afterAll(async () => {
    await t.close();
    await linkedin.stop();
    await youtube.stop();
  });

  it('publishes a LinkedIn organisation post once and keeps the URN', async () => {
    const org = String(10_000_000 + Math.floor(Math.random() * 1e7));
    const token = 'AQV-linkedin-token';
    linkedin.tokens.set(token, [org]);
    const s = await liveStage(t, { platform: 'linkedin', externalId: org }, { accessToken: token });
    const draft = await approved(t, s);
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    const calls = linkedin.requestsTo(on('POST', '/rest/posts'));
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBe(`Bearer ${token}`);
    expect(calls[0].json).toMatchObject({ author: `urn:li:organization:${org}`, commentary: expect.stringContaining('Summer fair at Elm House') });
    expect(linkedin.posts).toHaveLength(1);
    expect(published.publication.externalId).toBe(linkedin.posts[0].id);
    expect(published.publication.externalId).toMatch(/^urn:li:share:/);
  });

  it('uploads a YouTube video once, public, with the title and description', async () => {
    const channel = `UC${Math.random().toString(36).slice(2, 12)}`;
    const token = 'ya29.youtube-token';
    youtube.tokens.set(token, channel);
    const s = await liveStage(t, { platform: 'youtube', externalId: channel }, { accessToken: token });
    const video = mp4();
    const media = await upload(t, s.author.token, video, 'concert.mp4');
    expect(media.status).toBe(201);
    const draft = await approved(t, s, {
      title: 'Residents’ summer concert',
      media: [{ mediaId: media.body.id, altText: 'The concert in the garden', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }],
    });
    const published = await settled(t, s.reviewer.token, draft.id, undefined, 30_000);
    expect(published.status).toBe('published');
    expect(youtube.requestsTo(on('POST', '/upload/youtube/v3/videos'))).toHaveLength(1);
    expect(youtube.videos).toHaveLength(1);
    const made = youtube.videos[0];
    expect(made.bytes.equals(video)).toBe(true);
    expect(made.privacyStatus).toBe('public');
    expect(published.publication).toMatchObject({ externalId: made.id, url: `https://www.youtube.com/watch?v=${made.id}` });
    const init = youtube.requestsTo(on('POST', '/upload/youtube/v3/videos'))[0];
    expect(init.json.snippet).toMatchObject({ title: 'Residents’ summer concert', description: expect.stringContaining(draft.revision.text) });
  });

  it('refreshes a YouTube token the platform refuses, keeps the new one, and uses it for the next video', async () => {
    const channel = `UC${Math.random().toString(36).slice(2, 12)}`;
    const grant = { refreshToken: `1//refresh-${channel}`, clientId: 'gatehouse.apps.googleusercontent.com', clientSecret: 'GOCSPX-client-secret' };
    youtube.refreshTokens.set(grant.refreshToken, { clientId: grant.clientId, clientSecret: grant.clientSecret, channelId: channel });
    // The stored access token is one YouTube no longer accepts.
    const s = await liveStage(t, { platform: 'youtube', externalId: channel }, { accessToken: 'ya29.revoked-by-google', ...grant });
    const tokenCalls = () => youtube.requestsTo(on('POST', '/token')).filter((r) => r.form.get('refresh_token') === grant.refreshToken);
    const publishVideo = async (title: string) => {
      const media = await upload(t, s.author.token, mp4(), 'video.mp4');
      const draft = await approved(t, s, { title, media: [{ mediaId: media.body.id, altText: title, depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
      return settled(t, s.reviewer.token, draft.id, undefined, 30_000);
    };

    expect((await publishVideo('Garden party')).status).toBe('published');
    expect(tokenCalls()).toHaveLength(1);
    expect((await publishVideo('Harvest supper')).status).toBe('published');
    // The refreshed token was stored: the second video needed no refresh.
    expect(tokenCalls()).toHaveLength(1);
    const uploads = youtube.requestsTo(on('POST', '/upload/youtube/v3/videos'));
    expect(uploads[uploads.length - 1].headers.authorization).toMatch(/^Bearer ya29\.refreshed-/);

    const audit = await t.http.get(`/api/v1/audit?subjectId=${s.account.id}`).set(bearer(s.admin));
    const refreshed = audit.body.items.filter((e: any) => e.action === 'account.credentials_refreshed');
    expect(refreshed).toHaveLength(1);
    expect(JSON.stringify(refreshed)).not.toMatch(/ya29\.|refresh-|GOCSPX/);
  });
});
