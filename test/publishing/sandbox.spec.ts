import { bearer, TestApp } from '../support/test-app';
import { authorise, stage } from '../drafts/support';
import { approved, settled } from './support';

jest.setTimeout(60_000);

describe('publishing to a sandbox account', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('publishes an approved post, lists it for the people who may see the account, and takes it down', async () => {
    const s = await stage(t);
    const draft = await approved(t, s);
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    expect(published.publication).toMatchObject({ externalId: expect.stringMatching(/^sandbox:/), publishedAt: expect.any(String) });

    for (const token of [s.manager.token, s.author.token]) {
      const list = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(token));
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ draftId: draft.id, accountId: s.account.id, externalId: published.publication.externalId, text: draft.revision.text, removedAt: null }),
      ]);
    }
    const outsider = await t.newStaff(['staff']);
    expect((await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(outsider.token))).status).toBe(404);

    const down = await t.http.post(`/api/v1/drafts/${draft.id}/take-down`).set(bearer(s.manager.token)).send({ reason: 'Wrong date' });
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('taken_down');
    const after = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(s.manager.token));
    expect(after.body.items[0].removedAt).toEqual(expect.any(String));
  });

  it('lets staff authorised later see the account’s sandbox posts', async () => {
    const s = await stage(t);
    const draft = await approved(t, s);
    await settled(t, s.reviewer.token, draft.id, 'published');
    const colleague = await t.newStaff(['staff']);
    expect((await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(colleague.token))).status).toBe(404);
    await authorise(t, s, s.account.id, colleague);
    const list = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(colleague.token));
    expect(list.body.items.map((p: any) => p.draftId)).toEqual([draft.id]);
  });
});
