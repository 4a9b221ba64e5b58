import { bearer, TestApp, TestStaff } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator } from '../emulators/graph-emulator';
import { approve, jpegBytes, Stage, stage as sandboxStage, upload } from '../drafts/support';
import { auditFor } from '../governance/fixtures';
import { approved, getDraft, liveStage, settled } from '../publishing/support';
import { freePort } from '../support/free-port';

jest.setTimeout(120_000);

const TOKEN = 'EAAGremoval-token-for-tests';

describe('removal requests: a colleague shown in a post asks for it to come down', () => {
  let t: TestApp;
  let graph: GraphEmulator;
  let facebook: Stage;
  let instagram: Stage;
  let sandbox: Stage;
  let page: string;
  let igUser: string;
  let colleague: TestStaff;
  let stranger: TestStaff;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    // Facebook and Instagram download the photo from Gatehouse's signed public link: the app must listen.
    const port = await freePort();
    t = await TestApp.start({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_PUBLIC_URL: `http://127.0.0.1:${port}`, GATEHOUSE_PLATFORM_TIMEOUT_MS: '5000' });
    await t.app.listen(port, '127.0.0.1');
    page = `1048576${Math.floor(Math.random() * 1e8)}`;
    igUser = `178414${Math.floor(Math.random() * 1e11)}`;
    facebook = await liveStage(t, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
    instagram = await liveStage(t, { platform: 'instagram', externalId: igUser }, { accessToken: TOKEN });
    graph.addInstagramUser(igUser, TOKEN);
    sandbox = await sandboxStage(t);
    colleague = await t.newStaff(['staff']);
    stranger = await t.newStaff(['staff']);
  });
  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  const photoOf = async (s: Stage, staffIds: string[]) => {
    const media = (await upload(t, s.author.token, jpegBytes(2048 + Math.floor(Math.random() * 1000)), 'team.jpg')).body;
    return { mediaId: media.id, altText: 'The team at the summer fair', depicts: { staffIds, serviceUsers: false, public: false }, rights: 'own' };
  };
  const grantAll = async (who: TestStaff) => {
    const mine = (await t.http.get('/api/v1/consent-requests').set(bearer(who.token))).body.items;
    for (const request of mine.filter((r: any) => r.status === 'pending')) {
      await t.http.post(`/api/v1/consent-requests/${request.id}/decision`).set(bearer(who.token)).send({ decision: 'granted' });
    }
  };
  /** Written, consented to by the colleague, approved and published on the platform. */
  const publishedWithColleague = async (s: Stage) => {
    const media = await photoOf(s, [colleague.id]);
    const created = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: `Summer fair ${Math.random().toString(16).slice(2, 8)}`, media: [media] });
    expect(created.status).toBe(201);
    await grantAll(colleague);
    expect((await t.http.post(`/api/v1/drafts/${created.body.id}/submit`).set(bearer(s.author.token))).status).toBe(200);
    const approval = await approve(t, s.reviewer.token, (await t.http.get(`/api/v1/drafts/${created.body.id}`).set(bearer(s.author.token))).body);
    expect(approval.status).toBe(200);
    const published = await settled(t, s.reviewer.token, created.body.id, undefined, 30_000);
    expect(published.status).toBe('published');
    return published;
  };
  const ask = (who: TestStaff, draftId: string, reason = 'I did not want this photo online any more.') =>
    t.http.post(`/api/v1/drafts/${draftId}/removal-requests`).set(bearer(who.token)).send({ reason });

  it('takes a published Facebook post down on the platform at once, with no manager action, and records a concern', async () => {
    const draft = await publishedWithColleague(facebook);
    expect(graph.pagePosts.get(page)!.some((p) => p.id === draft.publication.externalId)).toBe(true);

    const response = await ask(colleague, draft.id);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), draftId: draft.id, requestedById: colleague.id, requestedAt: expect.stringMatching(/Z$/), reason: 'I did not want this photo online any more.', outcome: 'taken_down' });
    expect(graph.pagePosts.get(page)!.some((p) => p.id === draft.publication.externalId)).toBe(false);
    expect(graph.requestsTo(on('DELETE', `/${draft.publication.externalId}`))).toHaveLength(1);
    expect((await getDraft(t, facebook.manager.token, draft.id)).status).toBe('taken_down');

    const concerns = (await t.http.get('/api/v1/concerns?kind=post').set(bearer(facebook.manager.token))).body.items;
    const concern = concerns.find((item: any) => item.draftId === draft.id);
    expect(concern).toMatchObject({ kind: 'post', status: 'open', reportedById: colleague.id, url: draft.publication.url });
    // The colleague can follow their own concern.
    expect((await t.http.get(`/api/v1/concerns/${concern.id}`).set(bearer(colleague.token))).status).toBe(200);

    const entries = await auditFor(t, draft.id);
    const idOf = (action: string) => entries.find((entry) => entry.action === action)?.id;
    // Recorded first, so the request stands whatever the platform says; then the takedown and its outcome.
    expect(idOf('removal_request.made')).toBeLessThan(idOf('draft.taken_down'));
    expect(idOf('draft.taken_down')).toBeLessThan(idOf('removal_request.taken_down'));
    const takenDown = entries.find((entry) => entry.action === 'draft.taken_down')!;
    expect(takenDown.actorId).toBe(colleague.id);
    expect((await auditFor(t, concern.id)).map((entry) => entry.action)).toContain('concern.raised');

    // Already down: nothing more to do.
    const again = await ask(colleague, draft.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
  });

  it('opens a manual task on Instagram (no delete in the API) and reads takedown_pending until it is done', async () => {
    const draft = await publishedWithColleague(instagram);
    const response = await ask(colleague, draft.id);
    expect(response.status).toBe(201);
    expect(response.body.outcome).toBe('takedown_pending');
    expect((await getDraft(t, instagram.manager.token, draft.id)).status).toBe('published');
    const tasks = (await t.http.get('/api/v1/platform-tasks').set(bearer(instagram.manager.token))).body.items;
    const task = tasks.find((item: any) => item.draftId === draft.id);
    expect(task).toMatchObject({ kind: 'remove_post', status: 'open', accountId: instagram.account.id, reason: 'I did not want this photo online any more.', createdById: colleague.id });
    const opened = (await auditFor(t, draft.id)).find((entry) => entry.action === 'removal_request.manual_task_opened')!;
    expect(opened.details).toMatchObject({ removalRequestId: response.body.id, platformTaskId: task.id, outcome: 'takedown_pending' });

    expect((await t.http.post(`/api/v1/platform-tasks/${task.id}/complete`).set(bearer(instagram.manager.token)).send({ note: 'Deleted in the app' })).status).toBe(200);
    expect((await getDraft(t, instagram.manager.token, draft.id)).status).toBe('taken_down');
  });

  it('on a draft not yet published, refuses the colleague\'s consent, which then holds approval and survives re-describing the photo', async () => {
    const media = await photoOf(sandbox, [colleague.id]);
    const created = await t.http.post('/api/v1/drafts').set(bearer(sandbox.author.token)).send({ accountId: sandbox.account.id, text: 'Team photo at the fair', media: [media] });
    await grantAll(colleague);
    expect((await t.http.post(`/api/v1/drafts/${created.body.id}/submit`).set(bearer(sandbox.author.token))).status).toBe(200);

    const response = await ask(colleague, created.body.id, 'Please do not use my photo.');
    expect(response.status).toBe(201);
    expect(response.body.outcome).toBe('consent_withdrawn');
    const mine = (await t.http.get('/api/v1/consent-requests').set(bearer(colleague.token))).body.items.filter((r: any) => r.draftId === created.body.id);
    expect(mine.map((r: any) => r.status)).toEqual(['refused']);
    const draft = await getDraft(t, sandbox.manager.token, created.body.id);
    expect(draft.consent).toEqual({ pending: 0, refused: 1 });
    const approval = await approve(t, sandbox.reviewer.token, draft);
    expect(approval.status).toBe(409);
    expect(approval.body.code).toBe('CONSENT_OUTSTANDING');

    const redescribed = await t.http.patch(`/api/v1/drafts/${created.body.id}`).set(bearer(sandbox.author.token)).send({ media: [{ ...media, depicts: { staffIds: [], serviceUsers: false, public: false } }] });
    expect(redescribed.status).toBe(200);
    expect(redescribed.body.consent.refused).toBe(1);

    const actions = (await auditFor(t, created.body.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['removal_request.made', 'draft.consent_refused']));
    expect((await t.http.get('/api/v1/concerns?kind=post').set(bearer(colleague.token))).body.items.some((c: any) => c.draftId === created.body.id)).toBe(true);
  });

  it('is for a colleague in the photo or a manager: 403 for others who see the draft, 404 for the rest, 409 for a manager on a draft not out yet', async () => {
    const media = await photoOf(sandbox, [colleague.id]);
    const created = await t.http.post('/api/v1/drafts').set(bearer(sandbox.author.token)).send({ accountId: sandbox.account.id, text: 'Another team photo', media: [media] });
    const author = await ask(sandbox.author, created.body.id);
    expect(author.status).toBe(403);
    expect(author.body.code).toBe('FORBIDDEN');
    expect((await ask(stranger, created.body.id)).status).toBe(404);
    expect((await ask(stranger, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const manager = await ask(sandbox.manager, created.body.id);
    expect(manager.status).toBe(409);
    expect(manager.body.code).toBe('INVALID_STATE');
    const noReason = await t.http.post(`/api/v1/drafts/${created.body.id}/removal-requests`).set(bearer(colleague.token)).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    // None of the refusals changed anything.
    expect((await getDraft(t, sandbox.manager.token, created.body.id)).consent).toEqual({ pending: 1, refused: 0 });
  });

  it('lets a manager have a published post taken down the same way (sandbox)', async () => {
    const draft = await approved(t, sandbox);
    const published = await settled(t, sandbox.reviewer.token, draft.id, 'published');
    const response = await ask(sandbox.reviewer2, published.id, 'A relative complained.');
    expect(response.status).toBe(201);
    expect(response.body.outcome).toBe('taken_down');
    expect((await getDraft(t, sandbox.manager.token, draft.id)).status).toBe('taken_down');
    const posts = (await t.http.get(`/api/v1/sandbox/posts?accountId=${sandbox.account.id}`).set(bearer(sandbox.manager.token))).body.items;
    expect(posts.find((p: any) => p.draftId === draft.id).removedAt).toEqual(expect.any(String));
  });
});
