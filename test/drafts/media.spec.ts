import { createHash } from 'crypto';
import { readdirSync } from 'fs';
import { join } from 'path';
import { bearer, TestApp } from '../support/test-app';
import { jpegBytes, pngBytes, QUIET_PUBLISHING, Stage, stage, upload, videoBytes } from './support';

jest.setTimeout(60_000);


describe('media upload', () => {
  let t: TestApp;
  let s: Stage;
  beforeAll(async () => {
    // Small limits so the size rules can be shown with small files: 2 KiB images, 8 KiB video.
    t = await TestApp.start({ ...QUIET_PUBLISHING, GATEHOUSE_MEDIA_IMAGE_MAX_BYTES: '2048', GATEHOUSE_MEDIA_VIDEO_MAX_BYTES: '8192' });
    s = await stage(t);
  });
  afterAll(() => t.close());

  const stored = () => readdirSync(t.config.mediaDir).filter((name) => name !== 'incoming');
  const incoming = () => readdirSync(join(t.config.mediaDir, 'incoming'));

  it('stores a PNG with its type from the bytes and its SHA-256: 201 {id, mimeType, bytes, sha256}', async () => {
    const bytes = pngBytes(100);
    const response = await upload(t, s.author.token, bytes, 'photo.png');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), mimeType: 'image/png', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(stored()).toContain(response.body.id);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${response.body.id}`).set(bearer(s.admin));
    expect(audit.body.items[0]).toMatchObject({ action: 'media.uploaded', actorId: s.author.id });
  });

  it('believes the bytes, not the name: a JPEG called .png is image/jpeg', async () => {
    const response = await upload(t, s.author.token, jpegBytes(50), 'misnamed.png');
    expect(response.status).toBe(201);
    expect(response.body.mimeType).toBe('image/jpeg');
  });

  it('accepts MP4 and QuickTime video', async () => {
    expect((await upload(t, s.author.token, videoBytes('isom'), 'clip.mp4')).body.mimeType).toBe('video/mp4');
    expect((await upload(t, s.author.token, videoBytes('qt  '), 'clip.mov')).body.mimeType).toBe('video/quicktime');
  });

  it('refuses text named .jpg with 415 UNSUPPORTED_MEDIA_TYPE and keeps nothing of it', async () => {
    const before = stored();
    const response = await upload(t, s.author.token, Buffer.from('this is not a picture at all, just words'), 'holiday.jpg');
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(stored()).toEqual(before);
    expect(incoming()).toEqual([]);
  });

  it('refuses an image over its limit and any file over the largest limit with 413 PAYLOAD_TOO_LARGE, keeping nothing', async () => {
    const before = stored();
    const bigImage = await upload(t, s.author.token, pngBytes(3000), 'big.png');
    expect(bigImage.status).toBe(413);
    expect(bigImage.body.code).toBe('PAYLOAD_TOO_LARGE');
    const huge = await upload(t, s.author.token, Buffer.concat([videoBytes('isom'), Buffer.alloc(20_000)]), 'long.mp4');
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(stored()).toEqual(before);
    expect(incoming()).toEqual([]);
  });

  it('is only for staff authorised on some account (403 NOT_AUTHORISED_FOR_ACCOUNT), and needs a file', async () => {
    const outsider = await t.newStaff(['staff']);
    const refused = await upload(t, outsider.token, pngBytes(), 'photo.png');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_AUTHORISED_FOR_ACCOUNT');
    expect(incoming()).toEqual([]);
    expect((await t.http.post('/api/v1/media').attach('file', pngBytes(), 'photo.png')).status).toBe(401);
    const noFile = await t.http.post('/api/v1/media').set(bearer(s.author.token)).field('note', 'nothing');
    expect(noFile.status).toBe(400);
    expect((await t.http.post('/api/v1/media').set(bearer(s.author.token)).send({ file: 'x' })).status).toBe(400);
  });

  it('media feeds the content checks: service users in a picture and undeclared rights block submission', async () => {
    const media = (await upload(t, s.author.token, pngBytes(), 'group.png')).body;
    const draft = await t.http
      .post('/api/v1/drafts')
      .set(bearer(s.author.token))
      .send({ accountId: s.account.id, text: 'Our day out', media: [{ mediaId: media.id, altText: 'Group at the seaside', depicts: { staffIds: [], serviceUsers: true, public: false } }] });
    expect(draft.status).toBe(201);
    expect(draft.body.revision.media).toEqual([
      { mediaId: media.id, altText: 'Group at the seaside', depicts: { staffIds: [], serviceUsers: true, public: false }, rights: null, rightsReference: null },
    ]);
    const rules = draft.body.findings.filter((f: any) => f.severity === 'block').map((f: any) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['SERVICE_USER_IMAGE', 'RIGHTS_UNDECLARED']));
    const submit = await t.http.post(`/api/v1/drafts/${draft.body.id}/submit`).set(bearer(s.author.token));
    expect(submit.status).toBe(422);
    expect(submit.body.details.map((f: any) => f.rule)).toEqual(expect.arrayContaining(['SERVICE_USER_IMAGE', 'RIGHTS_UNDECLARED']));
    const check = await t.http
      .post('/api/v1/content-checks')
      .set(bearer(s.author.token))
      .send({ accountId: s.account.id, text: 'x', media: [{ mediaId: media.id, altText: 'x', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    expect(check.status).toBe(200);
  });
});
