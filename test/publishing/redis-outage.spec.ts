import { ChildProcess, spawn } from 'child_process';
import { PublishOutbox } from '../../src/publishing/publish-outbox.entity';
import { bearer, TestApp } from '../support/test-app';
import { stage } from '../drafts/support';
import { approved, getDraft, settled, waitFor } from './support';
import { freePort } from '../support/free-port';

jest.setTimeout(90_000);

/** A private Redis the test can stop and start again on the same port. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    // Already running: a second server could not bind the port, and would take the running one's place here.
    if (this.child && this.child.exitCode === null) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('approving while Redis is down', () => {
  let redis: PrivateRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await TestApp.start({ REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  });
  afterAll(async () => {
    // The app closes more quickly against a live Redis, whichever state the test left it in.
    await redis.start().catch(() => undefined);
    await t?.close();
    await redis.stop();
  });

  it('keeps the hand-over in the database and publishes once Redis is back', async () => {
    const s = await stage(t);
    await redis.stop();
    await waitFor(() => t.http.get('/health').then((r) => r.body.status), (status) => status === 'degraded');

    const draft = await approved(t, s);
    expect(draft.status).toBe('publishing');
    // The dispatcher keeps trying every poll; the row stays undispatched meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const row = await t.dataSource.getRepository(PublishOutbox).findOneByOrFail({ draftId: draft.id });
    expect(row.dispatchedAt).toBeNull();
    expect((await getDraft(t, s.reviewer.token, draft.id)).status).toBe('publishing');

    await redis.start();
    const published = await settled(t, s.reviewer.token, draft.id, 'published', 30_000);
    expect(published.publication.externalId).toMatch(/^sandbox:/);
    await waitFor(() => t.http.get('/health').then((r) => r.body.status), (status) => status === 'ok');
    const posts = await t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(s.manager.token));
    expect(posts.body.items.map((p: any) => p.draftId)).toEqual([draft.id]);
  });
});
