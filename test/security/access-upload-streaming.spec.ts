import fs, { WriteStream } from 'fs';
import { readdirSync } from 'fs';
import { join } from 'path';
import { TestApp } from '../support/test-app';
import { jpegBytes, pngBytes, QUIET_PUBLISHING, Stage, stage, upload, videoBytes } from '../drafts/support';

jest.setTimeout(90_000);

const IMAGE_LIMIT = 64 * 1024;

/**
 * The image limit is enforced while the bytes arrive: an oversized image is refused with 413 having
 * written at most its own limit to disk, not the video limit, and nothing of it remains.
 */
describe('upload limits enforced while streaming', () => {
  let t: TestApp;
  let s: Stage;
  let written: WriteStream[] = [];
  let spy: jest.SpyInstance;
  beforeAll(async () => {
    t = await TestApp.start({ ...QUIET_PUBLISHING, GATEHOUSE_MEDIA_IMAGE_MAX_BYTES: String(IMAGE_LIMIT), GATEHOUSE_MEDIA_VIDEO_MAX_BYTES: String(16 * 1024 * 1024) });
    s = await stage(t);
    const createWriteStream = fs.createWriteStream;
    spy = jest.spyOn(fs, 'createWriteStream').mockImplementation((...args: Parameters<typeof createWriteStream>) => {
      const stream = createWriteStream(...args);
      written.push(stream);
      return stream;
    });
  });
  beforeEach(() => (written = []));
  afterAll(async () => {
    spy.mockRestore();
    await t.close();
  });

  const stored = () => readdirSync(t.config.mediaDir).filter((name) => name !== 'incoming');
  const incoming = () => readdirSync(join(t.config.mediaDir, 'incoming'));
  const mostWritten = () => Math.max(0, ...written.map((stream) => stream.bytesWritten));

  it.each([
    ['a PNG', pngBytes(4 * 1024 * 1024)],
    ['a JPEG', jpegBytes(4 * 1024 * 1024)],
    ['a PNG just one byte over', pngBytes(IMAGE_LIMIT - pngBytes().length + 1)],
  ])('stops reading %s at the image limit: 413 PAYLOAD_TOO_LARGE, no more than the limit on disk, no file left', async (_what, bytes) => {
    const before = stored();
    const response = await upload(t, s.author.token, bytes, 'big.png');
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { mimeType: expect.stringMatching(/^image\//), limitBytes: IMAGE_LIMIT } });
    expect(mostWritten()).toBeLessThanOrEqual(IMAGE_LIMIT);
    expect(stored()).toEqual(before);
    expect(incoming()).toEqual([]);
  });

  it('accepts an image of exactly the limit, and a video far beyond the image limit', async () => {
    const exact = pngBytes(IMAGE_LIMIT - pngBytes().length);
    const image = await upload(t, s.author.token, exact, 'exact.png');
    expect(image.status).toBe(201);
    expect(image.body).toMatchObject({ mimeType: 'image/png', bytes: IMAGE_LIMIT });
    const video = await upload(t, s.author.token, videoBytes('isom', 1024 * 1024), 'clip.mp4');
    expect(video.status).toBe(201);
    expect(video.body.mimeType).toBe('video/mp4');
    expect(incoming()).toEqual([]);
  });

  it('refuses a type that cannot be uploaded from its first bytes, with nothing written', async () => {
    const response = await upload(t, s.author.token, Buffer.alloc(2 * 1024 * 1024, 'a'), 'words.jpg');
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(mostWritten()).toBe(0);
    expect(incoming()).toEqual([]);
  });
});
