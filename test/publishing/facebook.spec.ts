import { bearer, TestApp } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator, graphError } from '../emulators/graph-emulator';
import { Stage } from '../drafts/support';
import { approved, attempts, getDraft, graphAppEnv, liveStage, settled, waitFor } from './support';

jest.setTimeout(90_000);

const TOKEN = 'EAAGpage-token-for-tests';
const created = on('POST', '/feed');

describe('publishing to a live Facebook Page (Graph API emulator)', () => {
  let t: TestApp;
  let graph: GraphEmulator;
  let s: Stage;
  let page: string;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    t = await TestApp.start(graphAppEnv(graph));
    page = `1048576${Math.floor(Math.random() * 1e8)}`;
    s = await liveStage(t, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
  });
  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  const callsFor = (text: string) => graph.requestsTo(created).filter((r) => r.form.get('message') === text);

  it('publishes once, with the Page token and the text, and records the post id and permalink', async () => {
    const draft = await approved(t, s);
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    const calls = callsFor(draft.revision.text);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe(`/v25.0/${page}/feed`);
    expect(calls[0].form.get('access_token')).toBe(TOKEN);
    const post = graph.pagePosts.get(page)!.find((p) => p.message === draft.revision.text)!;
    expect(published.publication).toMatchObject({ externalId: post.id, url: `https://www.facebook.com/${page}/posts/${post.id.split('_')[1]}`, publishedAt: expect.any(String) });
  });

  it('takes a published post down on the Page', async () => {
    const draft = await approved(t, s);
    const published = await settled(t, s.reviewer.token, draft.id, 'published');
    const down = await t.http.post(`/api/v1/drafts/${draft.id}/take-down`).set(bearer(s.manager.token)).send({ reason: 'Posted too early' });
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('taken_down');
    expect(graph.pagePosts.get(page)!.some((p) => p.id === published.publication.externalId)).toBe(false);
  });

  it.each([
    ['a permission error', graphError(403, 200, "(#200) The user hasn't authorized the application to perform this action"), 'PERMISSION_DENIED'],
    ['a policy block', graphError(400, 368, 'The action attempted has been deemed abusive', { error_subcode: 1390008 }), 'REJECTED_BY_PLATFORM'],
  ])('fails at once on %s, without a retry', async (_label, reply, code) => {
    graph.failNext(reply, created);
    const draft = await approved(t, s);
    const failed = await settled(t, s.reviewer.token, draft.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure.code).toBe(code);
    expect(callsFor(draft.revision.text)).toHaveLength(1);
  });

  it('fails DUPLICATE when the Page already has the same message', async () => {
    const first = await approved(t, s);
    await settled(t, s.reviewer.token, first.id, 'published');
    const again = await approved(t, s, { text: first.revision.text });
    const failed = await settled(t, s.reviewer.token, again.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure.code).toBe('DUPLICATE');
  });

  it('retries a rate limit after Retry-After and publishes with the second call', async () => {
    graph.rateLimitNext(1, created);
    const draft = await approved(t, s);
    const started = Date.now();
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(callsFor(draft.revision.text)).toHaveLength(2);
  });

  it('gives up after five rate-limited calls with RATE_LIMITED', async () => {
    for (let i = 0; i < 5; i++) graph.rateLimitNext(0, created);
    const draft = await approved(t, s);
    const failed = await settled(t, s.reviewer.token, draft.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure.code).toBe('RATE_LIMITED');
    expect(callsFor(draft.revision.text)).toHaveLength(5);
  });

  it('a manager retry after RATE_LIMITED gets fresh rate-limit retries', async () => {
    for (let i = 0; i < 5; i++) graph.failNext(graphError(400, 32, 'Page request limit reached'), created);
    const draft = await approved(t, s);
    expect((await settled(t, s.reviewer.token, draft.id)).failure.code).toBe('RATE_LIMITED');

    graph.rateLimitNext(0, created);
    const retried = await t.http.post(`/api/v1/drafts/${draft.id}/retry`).set(bearer(s.manager.token));
    expect(retried.body.status).toBe('publishing');
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    expect(callsFor(draft.revision.text)).toHaveLength(7);
  });

  it.each([
    ['a 500', () => graph.serverErrorNext(created)],
    ['no answer in time', () => graph.hangNext(created)],
    ['a dropped connection', () => graph.dropNext(created)],
  ])('marks the post unconfirmed after %s and never calls again', async (_label, fault) => {
    const lookupsBefore = graph.requestsTo(on('GET', `/${page}/feed`)).length;
    fault();
    const draft = await approved(t, s);
    const unconfirmed = await settled(t, s.reviewer.token, draft.id);
    expect(unconfirmed.status).toBe('unconfirmed');
    expect(unconfirmed.failure).toMatchObject({ code: expect.any(String) });
    // The worker's lookup on the feed found nothing; nothing else happens on its own.
    await waitFor(() => Promise.resolve(graph.requestsTo(on('GET', `/${page}/feed`)).length), (n) => n > lookupsBefore);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsFor(draft.revision.text)).toHaveLength(1);
    expect((await getDraft(t, s.reviewer.token, draft.id)).status).toBe('unconfirmed');
  });

  it('finds the post on the Page when the answer was lost after it was made', async () => {
    graph.hangNext(created, true);
    const draft = await approved(t, s);
    const published = await settled(t, s.reviewer.token, draft.id, 'published');
    const post = graph.pagePosts.get(page)!.find((p) => p.message === draft.revision.text)!;
    expect(published.publication.externalId).toBe(post.id);
    expect(callsFor(draft.revision.text)).toHaveLength(1);
  });

  it('a manager reconciles an unconfirmed post as published', async () => {
    graph.serverErrorNext(created);
    const draft = await approved(t, s);
    await settled(t, s.reviewer.token, draft.id, 'unconfirmed');
    const response = await t.http.post(`/api/v1/drafts/${draft.id}/reconcile`).set(bearer(s.manager.token)).send({ outcome: 'published', externalId: `${page}_42`, url: 'https://www.facebook.com/p/42' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('published');
    expect(response.body.publication).toMatchObject({ externalId: `${page}_42`, url: 'https://www.facebook.com/p/42' });
    expect((await attempts(t, draft.id)).map((a) => a.outcome)).toEqual(['published']);
  });

  it('a manager reconciles an unconfirmed post as not published, then retries it: one more call', async () => {
    graph.serverErrorNext(created);
    const draft = await approved(t, s);
    await settled(t, s.reviewer.token, draft.id, 'unconfirmed');
    const settledNo = await t.http.post(`/api/v1/drafts/${draft.id}/reconcile`).set(bearer(s.manager.token)).send({ outcome: 'not_published' });
    expect(settledNo.status).toBe(200);
    expect(settledNo.body).toMatchObject({ status: 'failed', failure: { code: 'NOT_PUBLISHED' } });

    const retried = await t.http.post(`/api/v1/drafts/${draft.id}/retry`).set(bearer(s.manager.token));
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('publishing');
    const published = await settled(t, s.reviewer.token, draft.id);
    expect(published.status).toBe('published');
    expect(callsFor(draft.revision.text)).toHaveLength(2);
  });

  it('an invalid token fails CREDENTIALS_INVALID and the account stops being publishable', async () => {
    graph.failNext(graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'), created);
    const draft = await approved(t, s);
    const failed = await settled(t, s.reviewer.token, draft.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure.code).toBe('CREDENTIALS_INVALID');
    const account = await t.http.get(`/api/v1/accounts/${s.account.id}`).set(bearer(s.manager.token));
    expect(account.body).toMatchObject({ credentialsInvalid: true, publishable: false });
  });
});
