import { bearer, TestApp, TestStaff } from '../support/test-app';
import { approve, pngBytes, QUIET_PUBLISHING, Stage, stage, upload } from '../drafts/support';
import { PublishRunner } from '../../src/publishing/publish-runner';
import { binary } from './access-support';

jest.setTimeout(90_000);

describe('a refused consent stays refused', () => {
  let t: TestApp;
  let s: Stage;
  let colleague: TestStaff;
  let bystander: TestStaff;
  let seed = 0;
  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    colleague = await t.newStaff(['staff']);
    bystander = await t.newStaff(['staff']);
  });
  afterAll(() => t.close());

  /** A distinct photo each time (different bytes), unless the bytes are given. */
  const photo = async (bytes = pngBytes(++seed)) => (await upload(t, s.author.token, bytes, 'team.png')).body as { id: string };
  const item = (mediaId: string, staffIds: string[]) => ({ mediaId, altText: 'The team', depicts: { staffIds, serviceUsers: false, public: false }, rights: 'own' });
  const edit = async (draftId: string, media: unknown[]) => {
    const response = await t.http.patch(`/api/v1/drafts/${draftId}`).set(bearer(s.author.token)).send({ media });
    expect(response.status).toBe(200);
    return response.body;
  };

  /** A draft showing the colleague in one photo, and their refusal of it. */
  const refusedDraft = async () => {
    const media = await photo();
    const created = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Team photo', media: [item(media.id, [colleague.id])] });
    expect(created.status).toBe(201);
    const requests = (await t.http.get('/api/v1/consent-requests').set(bearer(colleague.token))).body.items;
    const request = requests.find((r: { draftId: string }) => r.draftId === created.body.id);
    const decided = await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'refused' });
    expect(decided.status).toBe(200);
    return { draft: created.body, media, request };
  };

  /** The manager's view: whatever the re-save, approval is refused while the refusal stands. */
  const expectBlocked = async (draftId: string) => {
    const submitted = await t.http.post(`/api/v1/drafts/${draftId}/submit`).set(bearer(s.author.token));
    expect(submitted.status).toBe(200);
    expect(submitted.body.consent.refused).toBe(1);
    const refused = await approve(t, s.reviewer.token, submitted.body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSENT_OUTSTANDING');
    expect((await t.http.get(`/api/v1/drafts/${draftId}`).set(bearer(s.reviewer.token))).body.status).toBe('submitted');
  };

  it('survives re-saving the same photo as showing nobody', async () => {
    const { draft, media } = await refusedDraft();
    const edited = await edit(draft.id, [item(media.id, [])]);
    expect(edited.consent).toEqual({ pending: 0, refused: 1 });
    await expectBlocked(draft.id);
  });

  it('survives re-describing it as showing someone else', async () => {
    const { draft, media } = await refusedDraft();
    const edited = await edit(draft.id, [item(media.id, [bystander.id])]);
    expect(edited.consent).toEqual({ pending: 1, refused: 1 });
    await t.http
      .post(`/api/v1/consent-requests/${(await t.http.get('/api/v1/consent-requests').set(bearer(bystander.token))).body.items.find((r: any) => r.draftId === draft.id).id}/decision`)
      .set(bearer(bystander.token))
      .send({ decision: 'granted' });
    await expectBlocked(draft.id);
  });

  it('survives removing the photo and adding it back, described or not', async () => {
    const { draft, media } = await refusedDraft();
    expect((await edit(draft.id, [])).consent).toEqual({ pending: 0, refused: 0 });
    expect((await edit(draft.id, [item(media.id, [])])).consent).toEqual({ pending: 0, refused: 1 });
    await expectBlocked(draft.id);
  });

  it('survives uploading the same photo again under a new id', async () => {
    const { draft, media } = await refusedDraft();
    const bytes = (await t.http.get(`/api/v1/drafts/${draft.id}/media/${media.id}`).set(bearer(s.author.token)).buffer(true).parse(binary)).body as Buffer;
    const again = await photo(bytes);
    expect(again.id).not.toBe(media.id);
    expect((await edit(draft.id, [item(again.id, [])])).consent).toEqual({ pending: 0, refused: 1 });
    expect((await edit(draft.id, [item(again.id, [colleague.id])])).consent).toEqual({ pending: 0, refused: 1 });
    await expectBlocked(draft.id);
  });

  it('only the colleague can lift it; then the post may be approved', async () => {
    const { draft, media, request } = await refusedDraft();
    await edit(draft.id, [item(media.id, [])]);
    for (const token of [s.author.token, s.reviewer.token, bystander.token]) {
      expect((await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(token)).send({ decision: 'granted' })).status).toBe(404);
    }
    const mine = (await t.http.get('/api/v1/consent-requests').set(bearer(colleague.token))).body.items.find((r: any) => r.id === request.id);
    expect(mine).toMatchObject({ status: 'refused' });
    const granted = await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' });
    expect(granted.status).toBe(200);
    const submitted = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    expect(submitted.body.consent).toEqual({ pending: 0, refused: 0 });
    expect((await approve(t, s.reviewer.token, submitted.body)).status).toBe(200);
  });
});

describe('a refusal follows the photo', () => {
  let t: TestApp;
  let s: Stage;
  let colleague: TestStaff;
  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    colleague = await t.newStaff(['staff']);
  });
  afterAll(() => t.close());

  const item = (mediaId: string, staffIds: string[]) => ({ mediaId, altText: 'The team', depicts: { staffIds, serviceUsers: false, public: false }, rights: 'own' });
  const draftWith = async (media: unknown[]) => {
    const created = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Team photo', media });
    expect(created.status).toBe(201);
    return created.body;
  };
  const requestOn = async (draftId: string) => (await t.http.get('/api/v1/consent-requests').set(bearer(colleague.token))).body.items.find((r: any) => r.draftId === draftId);

  it('into a new draft with the same photo showing nobody, until the colleague changes their mind there', async () => {
    const bytes = pngBytes(777);
    const first = await draftWith([item((await upload(t, s.author.token, bytes, 'a.png')).body.id, [colleague.id])]);
    const request = await requestOn(first.id);
    expect((await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'refused' })).status).toBe(200);

    const again = await draftWith([item((await upload(t, s.author.token, bytes, 'b.png')).body.id, [])]);
    expect(again.consent).toEqual({ pending: 0, refused: 1 });
    const submitted = await t.http.post(`/api/v1/drafts/${again.id}/submit`).set(bearer(s.author.token));
    const blocked = await approve(t, s.reviewer.token, submitted.body);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CONSENT_OUTSTANDING');

    // The colleague sees it among their requests, refused, and is the one who can lift it.
    const inherited = await requestOn(again.id);
    expect(inherited).toMatchObject({ status: 'refused', staffId: colleague.id });
    expect((await t.http.post(`/api/v1/consent-requests/${inherited.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' })).status).toBe(200);
    expect((await approve(t, s.reviewer.token, submitted.body)).status).toBe(200);
  });

  it('holds a post whose consent is refused after its approval, instead of publishing it', async () => {
    const media = (await upload(t, s.author.token, pngBytes(888), 'c.png')).body.id;
    const draft = await draftWith([item(media, [colleague.id])]);
    const request = await requestOn(draft.id);
    await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' });
    const submitted = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    const approved = await approve(t, s.reviewer.token, submitted.body, { scheduledFor: new Date(t.now().getTime() + 3_600_000).toISOString() });
    expect(approved.body.status).toBe('scheduled');
    expect((await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'refused' })).status).toBe(200);
    t.travel(2 * 3_600_000);
    const runner = t.app.get(PublishRunner);
    await runner.run({ data: { draftId: draft.id, revisionId: draft.revision.id } } as any);
    const held = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token));
    expect(held.body).toMatchObject({ status: 'held', failure: { code: 'CONSENT_OUTSTANDING' }, publication: null });
    const confirm = await t.http.post(`/api/v1/drafts/${draft.id}/confirm`).set(bearer(s.reviewer.token));
    expect(confirm.status).toBe(409);
    expect(confirm.body.code).toBe('CONSENT_OUTSTANDING');
  });
});
