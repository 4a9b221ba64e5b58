import { bearer, TestApp } from '../support/test-app';
import { stage } from '../drafts/support';
import { OutboxDispatcher } from '../../src/publishing/outbox-dispatcher';
import { PublishQueue } from '../../src/publishing/publish-queue';
import { PublishRunner } from '../../src/publishing/publish-runner';
import { approved, getDraft, settled, waitFor } from './support';

jest.setTimeout(90_000);

describe('publishing at the right time, and only while the account may publish', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('keeps a scheduled post until its time, then publishes it', async () => {
    const s = await stage(t);
    // Far enough ahead that approving it, on a busy machine, still ends before its time.
    const scheduledFor = new Date(Date.now() + 6_000).toISOString();
    const draft = await approved(t, s, { scheduledFor });
    expect(draft.status).toBe('scheduled');
    const published = await settled(t, s.reviewer.token, draft.id, 'published', 20_000);
    // Publishing started no earlier than the scheduled time (the worker's clock is the app's).
    expect(Date.parse(published.publication.publishedAt)).toBeGreaterThanOrEqual(Date.parse(scheduledFor));
    const history = (await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.reviewer.token))).body.items;
    const started = history.find((h: any) => h.action === 'publishing_started');
    expect(Date.parse(started.at ?? started.createdAt)).toBeGreaterThanOrEqual(Date.parse(scheduledFor));
  });

  it('holds a post whose account was suspended after approval; confirming after re-activation publishes it', async () => {
    const s = await stage(t);
    const draft = await approved(t, s, { scheduledFor: new Date(Date.now() + 2_000).toISOString() });
    expect(draft.status).toBe('scheduled');
    const suspended = await t.http.post(`/api/v1/accounts/${s.account.id}/suspend`).set(bearer(s.manager.token)).send({ reason: 'Page hacked' });
    expect(suspended.status).toBe(200);

    const held = await settled(t, s.reviewer.token, draft.id, 'held', 20_000);
    expect(held.failure).toMatchObject({ code: 'ACCOUNT_NOT_PUBLISHABLE', message: expect.any(String) });
    expect(held.publication).toBeNull();

    expect((await t.http.post(`/api/v1/accounts/${s.account.id}/activate`).set(bearer(s.manager.token))).status).toBe(200);
    const confirmed = await t.http.post(`/api/v1/drafts/${draft.id}/confirm`).set(bearer(s.manager.token));
    expect(confirmed.status).toBe(200);
    const published = await settled(t, s.reviewer.token, draft.id, 'published');
    expect(published.publication.externalId).toMatch(/^sandbox:/);
    expect(published.failure).toBeNull();
  });

  it('lets only managers retry, reconcile and take down', async () => {
    const s = await stage(t);
    const draft = await approved(t, s);
    await settled(t, s.reviewer.token, draft.id, 'published');
    const staff = await t.newStaff(['staff']);
    const calls = [
      ['retry', {}],
      ['reconcile', { outcome: 'not_published' }],
      ['take-down', { reason: 'Mistake' }],
    ] as const;
    for (const [action, body] of calls) {
      expect((await t.http.post(`/api/v1/drafts/${draft.id}/${action}`).send(body)).status).toBe(401);
      for (const token of [staff.token, s.author.token]) {
        const refused = await t.http.post(`/api/v1/drafts/${draft.id}/${action}`).set(bearer(token)).send(body);
        expect(refused.status).toBe(403);
      }
    }
    expect((await getDraft(t, s.reviewer.token, draft.id)).status).toBe('published');
    // A manager in the wrong state gets a conflict, not a change.
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/retry`).set(bearer(s.manager.token))).status).toBe(409);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/reconcile`).set(bearer(s.manager.token)).send({ outcome: 'not_published' })).status).toBe(409);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/take-down`).set(bearer(s.manager.token)).send({ reason: 'Mistake' })).status).toBe(200);
  });
});

describe('a publishing job that failed', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('is run again by the sweep instead of leaving the post publishing for ever', async () => {
    const s = await stage(t);
    const runner = t.app.get(PublishRunner);
    const realRun = runner.run.bind(runner);
    let broken = true;
    runner.run = async (...args: Parameters<PublishRunner['run']>) => {
      if (broken) throw new Error('database went away');
      return realRun(...args);
    };
    const draft = await approved(t, s);
    const queue = t.app.get(PublishQueue).queue;
    await waitFor(() => queue.getJobCounts('failed'), (counts) => counts.failed === 1);
    expect((await getDraft(t, s.reviewer.token, draft.id)).status).toBe('publishing');

    broken = false;
    expect(await t.app.get(OutboxDispatcher).sweep()).toBe(1);
    const published = await settled(t, s.reviewer.token, draft.id, 'published');
    expect(published.publication.externalId).toMatch(/^sandbox:/);
  });
});
