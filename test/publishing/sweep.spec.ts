import { bearer, TestApp } from '../support/test-app';
import { stage } from '../drafts/support';
import { PublishOutbox } from '../../src/publishing/publish-outbox.entity';
import { OutboxDispatcher } from '../../src/publishing/outbox-dispatcher';
import { PublishQueue } from '../../src/publishing/publish-queue';
import { PublishRunner } from '../../src/publishing/publish-runner';
import { approved, settled, waitFor } from './support';

jest.setTimeout(60_000);

describe('the sweep for approved posts whose job is gone from Redis', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('queues the post again, once however often it runs, and it is published once', async () => {
    const s = await stage(t);
    const queue = t.app.get(PublishQueue).queue;
    const dispatcher = t.app.get(OutboxDispatcher);
    // A paused queue keeps its jobs waiting.
    const queued = async () => Object.values(await queue.getJobCounts('waiting', 'delayed', 'active')).reduce((a, b) => a + b, 0);
    await queue.pause();
    try {
      const draft = await approved(t, s);
      const outbox = t.dataSource.getRepository(PublishOutbox);
      await waitFor(() => outbox.findOneByOrFail({ draftId: draft.id }), (row) => row.dispatchedAt !== null);
      // Redis lost the job (a flush, a failover without persistence).
      await queue.drain(true);
      expect(await queued()).toBe(0);

      expect(await dispatcher.sweep()).toBe(1);
      await waitFor(queued, (n) => n === 1);
      // The job is back; further sweeps, even at once, add nothing.
      expect(await Promise.all([dispatcher.sweep(), dispatcher.sweep()])).toEqual([0, 0]);
      expect(await queued()).toBe(1);

      await queue.resume();
      const published = await settled(t, s.reviewer.token, draft.id);
      expect(published.status).toBe('published');
      const posts = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(s.manager.token));
      expect(posts.body.items.filter((p: any) => p.draftId === draft.id)).toHaveLength(1);
    } finally {
      await queue.resume();
    }
  });

  it('runs a failed job again exactly once when several sweeps find it at the same moment', async () => {
    const s = await stage(t);
    const queue = t.app.get(PublishQueue).queue;
    const dispatcher = t.app.get(OutboxDispatcher);
    // The run throws once, as when the database is away for a moment; the job ends up failed in Redis.
    const run = jest.spyOn(t.app.get(PublishRunner), 'run').mockRejectedValueOnce(new Error('database unavailable'));
    try {
      const draft = await approved(t, s);
      await waitFor(() => queue.getJobCounts('failed'), (counts) => counts.failed === 1);

      // Sweeps on several instances race to retry it: one does, the others are told it is no longer failed.
      const requeued = await Promise.all([dispatcher.sweep(), dispatcher.sweep(), dispatcher.sweep()]);
      expect(requeued.sort()).toEqual([0, 0, 1]);

      const published = await settled(t, s.reviewer.token, draft.id);
      expect(published.status).toBe('published');
      const posts = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(s.manager.token));
      expect(posts.body.items.filter((p: any) => p.draftId === draft.id)).toHaveLength(1);
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      run.mockRestore();
    }
  });
});
