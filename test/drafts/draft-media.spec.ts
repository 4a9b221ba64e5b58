import fs, { ReadStream } from 'fs';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { pngBytes, QUIET_PUBLISHING, Stage, stage, upload } from './support';

jest.setTimeout(60_000);

/** supertest buffers only known binary types; collect whatever comes. */
const binary = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('GET /api/v1/drafts/{id}/media/{mediaId}', () => {
  let t: TestApp;
  let s: Stage;
  let colleague: TestStaff;
  let outsider: TestStaff;
  const bytes = pngBytes(300);
  let draft: Record<string, any>;
  let mediaId: string;

  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    colleague = await t.newStaff(['staff']);
    outsider = await t.newStaff(['staff']);
    mediaId = (await upload(t, s.author.token, bytes, 'team.png')).body.id;
    const created = await t.http
      .post('/api/v1/drafts')
      .set(bearer(s.author.token))
      .send({ accountId: s.account.id, text: 'The team at the fair', media: [{ mediaId, altText: 'The team', depicts: { staffIds: [colleague.id], serviceUsers: false, public: false }, rights: 'own' }] });
    expect(created.status).toBe(201);
    draft = created.body;
  });
  afterAll(() => t.close());

  const fetchAs = (token: string | null, draftId = draft.id, id = mediaId) => {
    const req = t.http.get(`/api/v1/drafts/${draftId}/media/${id}`).buffer(true).parse(binary);
    return token ? req.set(bearer(token)) : req;
  };

  it('shows the picture to the manager who reviews it, the author, and the colleague asked for consent', async () => {
    for (const token of [s.reviewer.token, s.author.token, colleague.token]) {
      const response = await fetchAs(token);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(response.body, bytes)).toBe(0);
    }
  });

  it('answers HEAD with the same headers and leaves the file unread (the web app asks what an attachment is)', async () => {
    const opened: ReadStream[] = [];
    const createReadStream = fs.createReadStream;
    const spy = jest.spyOn(fs, 'createReadStream').mockImplementation((...args: Parameters<typeof createReadStream>) => {
      const stream = createReadStream(...args);
      opened.push(stream);
      return stream;
    });
    try {
      const response = await t.http.head(`/api/v1/drafts/${draft.id}/media/${mediaId}`).set(bearer(s.reviewer.token));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['content-length']).toBe(String(bytes.length));
      expect(opened).toHaveLength(1);
      expect(opened[0].bytesRead).toBe(0);
      expect(opened[0].destroyed).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers 404 to staff who may not see the draft, and for media the draft does not carry', async () => {
    expect((await fetchAs(outsider.token)).status).toBe(404);
    const other = (await upload(t, s.author.token, pngBytes(10), 'other.png')).body.id;
    expect((await fetchAs(s.reviewer.token, draft.id, other)).status).toBe(404);
    expect((await fetchAs(s.reviewer.token, draft.id, 'not-a-uuid')).status).toBe(404);
    expect((await fetchAs(null)).status).toBe(401);
  });

  it('keeps showing media of an earlier revision, for the history', async () => {
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'The team at the fair', media: [] });
    expect(edited.status).toBe(200);
    expect(edited.body.revision.media).toEqual([]);
    expect((await fetchAs(s.reviewer.token)).status).toBe(200);
  });
});
