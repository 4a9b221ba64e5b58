import { randomBytes } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { newId } from '../../src/common/ids';
import { Media } from '../../src/media/media.entity';
import { MediaLinks } from '../../src/publishing/media-links';
import { TestApp } from '../support/test-app';

describe('GET /media-links/:id (signed media for platforms)', () => {
  let t: TestApp;
  let links: MediaLinks;
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)]);
  let mediaId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    links = t.app.get(MediaLinks);
    mediaId = newId();
    mkdirSync(t.config.mediaDir, { recursive: true });
    writeFileSync(join(t.config.mediaDir, mediaId), bytes);
    await t.dataSource.getRepository(Media).insert({
      id: mediaId,
      uploadedById: await t.adminId(),
      mimeType: 'image/jpeg',
      bytes: bytes.length,
      sha256: 'a'.repeat(64),
      createdAt: new Date().toISOString(),
    });
  });
  afterAll(() => t.close());

  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  it('serves the bytes, without a session, to whoever holds a signed link', async () => {
    const url = links.sign(mediaId);
    expect(url.startsWith(`${t.config.publicUrl}/media-links/${mediaId}?`)).toBe(true);
    const res = await t.http.get(pathOf(url)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect((res.body as Buffer).equals(bytes)).toBe(true);
  });

  it('refuses unsigned, tampered and expired links', async () => {
    expect((await t.http.get(`/media-links/${mediaId}`)).status).toBe(403);
    const url = new URL(links.sign(mediaId));
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    const tampered = await t.http.get(pathOf(url.toString()));
    expect(tampered.status).toBe(403);
    expect(tampered.body.code).toBe('MEDIA_LINK_INVALID');

    const soon = links.sign(mediaId, 60);
    t.travel(61_000);
    expect((await t.http.get(pathOf(soon))).status).toBe(403);
  });

  it('answers 404 for a signed link to media that does not exist, and for a non-UUID id', async () => {
    expect((await t.http.get(pathOf(links.sign(newId())))).status).toBe(404);
    expect((await t.http.get('/media-links/not-a-uuid')).status).toBe(404);
  });
});
