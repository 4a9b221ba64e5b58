import { PlatformLimitRule, PLATFORM_LIMITS } from '../../src/content-checks/rules/platform-limit.rule';
import { bearer, TestApp } from '../support/test-app';

/** GET /api/v1/platforms: the limits the web app counts are the ones the content check enforces. */
describe('platform limits for the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_MEDIA_IMAGE_MAX_BYTES: '1234567' });
  });
  afterAll(() => t.close());

  it('answers every signed-in person with each platform’s limits, read from the checks, and the upload limits', async () => {
    const staff = await t.newStaff(['staff']);
    const response = await t.http.get('/api/v1/platforms').set(bearer(staff.token));
    expect(response.status).toBe(200);
    const byPlatform = Object.fromEntries(response.body.items.map((p: any) => [p.platform, Object.fromEntries(p.limits.map((l: any) => [l.name, l.max]))]));
    expect(byPlatform).toEqual(PLATFORM_LIMITS);
    const instagram = response.body.items.find((p: any) => p.platform === 'instagram').limits;
    expect(instagram.find((l: any) => l.name === 'textCharacters')).toEqual({ name: 'textCharacters', field: 'text', counts: 'characters', max: 2200 });
    const youtube = response.body.items.find((p: any) => p.platform === 'youtube').limits;
    expect(youtube.map((l: any) => [l.name, l.field, l.counts])).toEqual([['titleCharacters', 'title', 'characters'], ['descriptionBytes', 'text', 'bytes']]);
    expect(response.body.uploads).toEqual({ imageMaxBytes: 1234567, videoMaxBytes: 512 * 1024 * 1024 });
  });

  it('gives the patterns the check counts: a text at the limit passes the rule, one more is blocked', async () => {
    const staff = await t.newStaff(['staff']);
    const { items } = (await t.http.get('/api/v1/platforms').set(bearer(staff.token))).body;
    const hashtags = items.find((p: any) => p.platform === 'instagram').limits.find((l: any) => l.name === 'hashtags');
    expect(hashtags.counts).toBe('matches');
    const text = (n: number) => `${Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ')} a@b.org #1 x#y`;
    const counted = (value: string) => (value.match(new RegExp(hashtags.pattern, 'gu')) ?? []).length;
    expect(counted(text(hashtags.max))).toBe(hashtags.max);
    const check = (value: string) => new PlatformLimitRule().check({ platform: 'instagram', text: value, media: [{ mimeType: 'image/jpeg', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    expect(check(text(hashtags.max))).toEqual([]);
    expect(check(text(hashtags.max + 1)).map((f) => f.rule)).toEqual(['PLATFORM_LIMIT']);
  });

  it('is for signed-in people only, and documented with its response schema', async () => {
    expect((await t.http.get('/api/v1/platforms')).status).toBe(401);
    const document = (await t.http.get('/api/docs-json')).body;
    expect(document.paths['/api/v1/platforms'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PlatformListDto');
    expect(Object.keys(document.components.schemas.PlatformLimitDto.properties)).toEqual(expect.arrayContaining(['name', 'field', 'counts', 'max', 'pattern']));
  });
});
