import { bearer, TestApp, TestStaff } from '../support/test-app';
import { approve, pngBytes, QUIET_PUBLISHING, Stage, stage, upload } from './support';

jest.setTimeout(60_000);

describe('consent of colleagues shown in media', () => {
  let t: TestApp;
  let s: Stage;
  let colleague: TestStaff;
  let other: TestStaff;
  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    colleague = await t.newStaff(['staff']);
    other = await t.newStaff(['staff']);
  });
  afterAll(() => t.close());

  const picture = async (staffIds: string[]) => {
    const media = (await upload(t, s.author.token, pngBytes(), 'team.png')).body;
    return { mediaId: media.id, altText: 'The team at the fair', depicts: { staffIds, serviceUsers: false, public: false }, rights: 'own' };
  };
  const mine = async (who: TestStaff) => (await t.http.get('/api/v1/consent-requests').set(bearer(who.token))).body.items;

  it('asks each depicted colleague; approval waits (409 CONSENT_OUTSTANDING) while any is pending or refused', async () => {
    const created = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Team photo', media: [await picture([colleague.id, other.id])] });
    expect(created.status).toBe(201);
    const draft = created.body;
    expect(draft.consent).toEqual({ pending: 2, refused: 0 });
    const request = (await mine(colleague)).find((r: any) => r.draftId === draft.id);
    expect(request).toMatchObject({ staffId: colleague.id, status: 'pending', mediaId: draft.revision.media[0].mediaId, decidedAt: null });
    expect((await mine(s.author)).filter((r: any) => r.draftId === draft.id)).toEqual([]);
    // They may see what they are asked about, though not authorised on the account.
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(colleague.token))).body.revision.text).toBe('Team photo');

    const submitted = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    expect(submitted.body.status).toBe('submitted');
    const pending = await approve(t, s.reviewer.token, draft);
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('CONSENT_OUTSTANDING');

    const refused = await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'refused' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decidedAt: expect.stringMatching(/Z$/) });
    const otherRequest = (await mine(other)).find((r: any) => r.draftId === draft.id);
    await t.http.post(`/api/v1/consent-requests/${otherRequest.id}/decision`).set(bearer(other.token)).send({ decision: 'granted' });
    const queued = (await t.http.get(`/api/v1/approvals?accountId=${s.account.id}`).set(bearer(s.reviewer.token))).body.items.find((d: any) => d.id === draft.id);
    expect(queued.consent).toEqual({ pending: 0, refused: 1 });
    expect((await approve(t, s.reviewer.token, draft)).body.code).toBe('CONSENT_OUTSTANDING');

    await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' });
    const approved = await approve(t, s.reviewer.token, draft);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'publishing', consent: { pending: 0, refused: 0 } });
    const history = (await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.author.token))).body.items.map((e: any) => e.action);
    expect(history).toEqual(['created', 'submitted', 'consent_refused', 'consent_granted', 'consent_granted', 'approved']);
  });

  it('only the person depicted decides (others 404); decisions are validated', async () => {
    const draft = (await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Photo', media: [await picture([colleague.id])] })).body;
    const request = (await mine(colleague)).find((r: any) => r.draftId === draft.id);
    for (const token of [other.token, s.author.token, s.reviewer.token]) {
      expect((await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(token)).send({ decision: 'granted' })).status).toBe(404);
    }
    expect((await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'maybe' })).status).toBe(400);
    expect((await t.http.post('/api/v1/consent-requests/nope/decision').set(bearer(colleague.token)).send({ decision: 'granted' })).status).toBe(404);
  });

  it('an edit that no longer shows someone drops their request; showing them again keeps their decision', async () => {
    const media = await picture([colleague.id]);
    const draft = (await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Photo', media: [media] })).body;
    const request = (await mine(colleague)).find((r: any) => r.draftId === draft.id);
    const without = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ media: [{ ...media, depicts: { staffIds: [], serviceUsers: false, public: false } }] });
    expect(without.body.consent).toEqual({ pending: 0, refused: 0 });
    expect((await mine(colleague)).some((r: any) => r.id === request.id)).toBe(false);
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(colleague.token))).status).toBe(404);
    const gone = await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' });
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('INVALID_STATE');
    const back = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ media: [media] });
    expect(back.body.consent).toEqual({ pending: 1, refused: 0 });
    await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(colleague.token)).send({ decision: 'granted' });
    const again = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Photo of the team' });
    expect(again.body.consent).toEqual({ pending: 0, refused: 0 });
  });

  it('drops requests from the list once the draft is withdrawn', async () => {
    const draft = (await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Photo', media: [await picture([other.id])] })).body;
    expect((await mine(other)).some((r: any) => r.draftId === draft.id)).toBe(true);
    await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.author.token));
    expect((await mine(other)).some((r: any) => r.draftId === draft.id)).toBe(false);
  });

  it('refuses a depicted person who is not staff with 400', async () => {
    const response = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Photo', media: [await picture(['0b7f0c4e-7a53-4a55-9a43-6f1f1c3f5a10'])] });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('media.0.depicts.staffIds');
  });
});
