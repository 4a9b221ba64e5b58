import { binary } from './access-support';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { activeAccount } from '../governance/fixtures';
import { authorise, createDraft, pngBytes, QUIET_PUBLISHING, Stage, stage, upload } from '../drafts/support';

jest.setTimeout(90_000);

const item = (mediaId: string) => ({ mediaId, altText: 'The garden', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' });

describe('media belongs to whoever may use it', () => {
  let t: TestApp;
  let s: Stage;
  let accountB: Record<string, any>;
  /** Authorised only on account B. */
  let intruder: TestStaff;
  let photoA: string;
  let draftA: Record<string, any>;

  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    accountB = await activeAccount(t, s, { mode: 'sandbox', name: 'Riverside Careers' });
    intruder = await t.newStaff(['staff']);
    await authorise(t, s, accountB.id, intruder);
    photoA = (await upload(t, s.author.token, pngBytes(200), 'garden.png')).body.id;
    draftA = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'The garden in June', media: [item(photoA)] });
  });
  afterAll(() => t.close());

  const mediaOf = (token: string, draftId: string, mediaId: string) => t.http.get(`/api/v1/drafts/${draftId}/media/${mediaId}`).set(bearer(token)).buffer(true).parse(binary);

  it('refuses a colleague’s upload on a new draft exactly like an unknown id (400 naming the field), and stores nothing', async () => {
    const before = await t.http.get('/api/v1/drafts?mine=true').set(bearer(intruder.token));
    const response = await t.http.post('/api/v1/drafts').set(bearer(intruder.token)).send({ accountId: accountB.id, text: 'Look', media: [item(photoA)] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([{ field: 'media.0.mediaId', problems: ['is not an uploaded media id'] }]);
    const unknown = await t.http.post('/api/v1/drafts').set(bearer(intruder.token)).send({ accountId: accountB.id, text: 'Look', media: [item('0b5f8f1e-8d0c-4c1f-9a53-3f1f1f1f1f1f')] });
    expect(unknown.body).toEqual({ ...response.body });
    const after = await t.http.get('/api/v1/drafts?mine=true').set(bearer(intruder.token));
    expect(after.body.items).toEqual(before.body.items);
  });

  it('refuses it on PATCH too, in upper case or beside the intruder’s own photo, and the draft is unchanged', async () => {
    const own = (await upload(t, intruder.token, pngBytes(50), 'mine.png')).body.id;
    const draft = await createDraft(t, intruder.token, { accountId: accountB.id, text: 'Mine', media: [item(own)] });
    for (const media of [[item(photoA)], [item(own), item(photoA.toUpperCase())]]) {
      const response = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(intruder.token)).send({ media });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const now = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(intruder.token));
    expect(now.body.revision.number).toBe(1);
    expect(now.body.revision.media.map((m: { mediaId: string }) => m.mediaId)).toEqual([own]);
    expect((await mediaOf(intruder.token, draft.id, photoA)).status).toBe(404);
    expect((await t.http.head(`/api/v1/drafts/${draft.id}/media/${photoA}`).set(bearer(intruder.token))).status).toBe(404);
  });

  it('serves a draft’s media only to who may see that draft (GET and HEAD)', async () => {
    expect((await mediaOf(intruder.token, draftA.id, photoA)).status).toBe(404);
    expect((await t.http.head(`/api/v1/drafts/${draftA.id}/media/${photoA}`).set(bearer(intruder.token))).status).toBe(404);
    const seen = await mediaOf(s.reviewer.token, draftA.id, photoA);
    expect(seen.status).toBe(200);
    expect(Buffer.compare(seen.body, pngBytes(200))).toBe(0);
  });

  it('lets a draft keep media already on it: a new owner edits a handed-over draft without re-uploading', async () => {
    const colleague = await t.newStaff(['staff']);
    await authorise(t, s, s.account.id, colleague);
    // Editing keeps the photo the draft already carries, and the author may re-attach it after dropping it.
    const dropped = await t.http.patch(`/api/v1/drafts/${draftA.id}`).set(bearer(s.author.token)).send({ media: [] });
    expect(dropped.status).toBe(200);
    const back = await t.http.patch(`/api/v1/drafts/${draftA.id}`).set(bearer(s.author.token)).send({ media: [item(photoA)], text: 'The garden in July' });
    expect(back.status).toBe(200);
    expect(back.body.revision.media[0].mediaId).toBe(photoA);
    // A colleague's own draft may not take it, even on the same account.
    const refused = await t.http.post('/api/v1/drafts').set(bearer(colleague.token)).send({ accountId: s.account.id, text: 'Copy', media: [item(photoA)] });
    expect(refused.status).toBe(400);
  });

  it('records who uploaded each file', async () => {
    const rows = await t.dataSource.query(`SELECT "uploadedById" FROM media WHERE id = '${photoA}'`);
    expect(rows).toEqual([{ uploadedById: s.author.id }]);
  });
});
