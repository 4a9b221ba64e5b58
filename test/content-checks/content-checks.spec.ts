import { newId } from '../../src/common/ids';
import { Media } from '../../src/media/media.entity';
import { cast, Cast, createAccount } from '../governance/fixtures';
import { bearer, TestApp, TestStaff } from '../support/test-app';

describe('POST /api/v1/content-checks', () => {
  let t: TestApp;
  let c: Cast;
  let author: TestStaff;
  let facebook: Record<string, any>;
  let instagram: Record<string, any>;
  let youtube: Record<string, any>;

  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_ORG_DOMAINS: 'riverside.example' });
    c = await cast(t);
    facebook = await createAccount(t, c.manager.id, { platform: 'facebook' });
    instagram = await createAccount(t, c.manager.id, { platform: 'instagram' });
    youtube = await createAccount(t, c.manager.id, { platform: 'youtube' });
    author = await t.newStaff(['staff']);
    for (const account of [facebook, instagram, youtube]) {
      const granted = await t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: author.id, reason: 'Posts the news' });
      if (granted.status !== 201) throw new Error(`authorise failed: ${granted.status} ${JSON.stringify(granted.body)}`);
    }
  });
  afterAll(() => t.close());

  const check = (body: Record<string, unknown>, token = author.token) => t.http.post('/api/v1/content-checks').set(bearer(token)).send(body);
  // A media row as an upload leaves it (uploads themselves are tested with the media module): only its type matters here.
  const uploaded = async (mimeType: string): Promise<string> => {
    const id = newId();
    await t.dataSource.getRepository(Media).insert({ id, uploadedById: author.id, mimeType, bytes: 100, sha256: '0'.repeat(64), createdAt: new Date().toISOString() });
    return id;
  };
  const item = (mediaId: string, fields: Record<string, unknown> = {}) => ({
    mediaId,
    altText: 'Staff at the summer fair',
    depicts: { staffIds: [], serviceUsers: false, public: true },
    rights: 'own',
    ...fields,
  });

  it('answers 200 with no findings for an ordinary post', async () => {
    const response = await check({ accountId: facebook.id, text: 'Join us on 12 March 2027 for the summer fair: https://www.riverside.example/fair', link: 'https://riverside.example/' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ findings: [] });
  });

  it('points at what it finds, blocking findings first', async () => {
    const text = 'Lovely day with Doris (NHS 943 476 5919, born 01/02/1950). Call 07700 900123 or see https://evilriverside.example/x';
    const response = await check({ accountId: facebook.id, text });
    expect(response.status).toBe(200);
    expect(response.body.findings).toEqual([
      { rule: 'NHS_NUMBER', severity: 'block', message: 'This looks like an NHS number. Never identify a service user: remove it.', start: 27, end: 39 },
      { rule: 'DATE_OF_BIRTH', severity: 'block', message: expect.stringContaining('date of birth'), start: 46, end: 56 },
      { rule: 'PHONE_NUMBER', severity: 'warn', message: expect.any(String), start: 64, end: 76 },
      { rule: 'LINK_DOMAIN', severity: 'warn', message: expect.stringContaining('evilriverside.example'), start: 84, end: text.length },
    ]);
    expect(text.slice(27, 39)).toBe('943 476 5919');
  });

  it('applies the limits of the account’s platform', async () => {
    const text = 'Our summer fair was a great success';
    expect((await check({ accountId: facebook.id, text })).body.findings).toEqual([]);
    expect((await check({ accountId: instagram.id, text })).body.findings).toEqual([
      { rule: 'PLATFORM_LIMIT', severity: 'block', message: expect.stringContaining('needs at least one image or video') },
    ]);
    const image = await uploaded('image/png');
    expect((await check({ accountId: instagram.id, text, media: [item(image)] })).body.findings).toEqual([]);
    expect((await check({ accountId: instagram.id, text, media: [item(image.toUpperCase())] })).body.findings).toEqual([]);

    const video = await uploaded('video/mp4');
    const tooLong = await check({ accountId: youtube.id, text, title: `Fair <${'x'.repeat(100)}>`, media: [item(video)] });
    expect(tooLong.body.findings.map((finding: { message: string }) => finding.message)).toEqual([
      expect.stringMatching(/^The title is 107 characters/),
      expect.stringContaining('The title contains < or >'),
    ]);
    expect((await check({ accountId: youtube.id, text, title: 'Summer fair', media: [item(image)] })).body.findings).toEqual([
      expect.objectContaining({ rule: 'PLATFORM_LIMIT', message: expect.stringContaining('needs a video') }),
    ]);
  });

  it('blocks media showing service users or without declared rights', async () => {
    const image = await uploaded('image/jpeg');
    const response = await check({
      accountId: facebook.id,
      text: 'Fun in the garden',
      media: [item(image, { depicts: { staffIds: [], serviceUsers: true, public: false } }), item(image, { rights: undefined })],
    });
    expect(response.status).toBe(200);
    expect(response.body.findings).toEqual([
      { rule: 'SERVICE_USER_IMAGE', severity: 'block', message: expect.stringContaining('Media item 1') },
      { rule: 'RIGHTS_UNDECLARED', severity: 'block', message: expect.stringContaining('media item 2') },
    ]);
  });

  it('refuses media that was never uploaded, naming the field', async () => {
    const response = await check({ accountId: facebook.id, text: 'x', media: [item('6b3f1d0e-9f55-4a8e-bb0e-000000000000')] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'media.0.mediaId', problems: expect.any(Array) }] });
  });

  it('stores nothing', async () => {
    const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entries'))[0].n);
    const before = await count();
    expect((await check({ accountId: facebook.id, text: 'DOB 01/02/1950' })).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('is for accounts the caller may see: 404 otherwise, managers see all', async () => {
    const outsider = await t.newStaff(['staff']);
    const response = await check({ accountId: facebook.id, text: 'hello' }, outsider.token);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
    expect((await check({ accountId: '6b3f1d0e-9f55-4a8e-bb0e-000000000000', text: 'hello' })).status).toBe(404);
    expect((await check({ accountId: facebook.id, text: 'hello' }, c.manager.token)).status).toBe(200);
  });

  it('needs a signed-in caller and a valid body', async () => {
    expect((await t.http.post('/api/v1/content-checks').send({ accountId: facebook.id, text: 'x' })).status).toBe(401);
    for (const [body, field] of [
      [{ accountId: 'nope', text: 'x' }, 'accountId'],
      [{ accountId: facebook.id }, 'text'],
      [{ accountId: facebook.id, text: 'x', link: 'not a link' }, 'link'],
      [{ accountId: facebook.id, text: 'x', surprise: true }, 'surprise'],
      [{ accountId: facebook.id, text: 'x', media: [{ mediaId: facebook.id, altText: '', depicts: { staffIds: [] } }] }, 'media.0.depicts.serviceUsers'],
      [{ accountId: facebook.id, text: 'x', media: [{ ...item(facebook.id), rights: 'stolen' }] }, 'media.0.rights'],
    ] as const) {
      const response = await check(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await t.http.get('/api/docs-json')).body;
    const operation = document.paths['/api/v1/content-checks'].post;
    expect(Object.keys(operation.responses)).toContain('200');
    const schemas = document.components.schemas;
    expect(schemas.ContentCheckDto.required).toEqual(expect.arrayContaining(['accountId', 'text']));
    expect(schemas.FindingDto.properties.rule.enum).toContain('PROTECTED_NAME');
  });
});
