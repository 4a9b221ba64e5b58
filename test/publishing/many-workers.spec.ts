import { TestApp } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator } from '../emulators/graph-emulator';
import { In } from 'typeorm';
import { Draft } from '../../src/drafts/draft.entity';
import { OutboxDispatcher } from '../../src/publishing/outbox-dispatcher';
import { approved, getDraft, liveStage, waitFor } from './support';

jest.setTimeout(180_000);

const TOKEN = 'EAAGpage-token-many-workers';
const created = on('POST', '/feed');
const POSTS = 24;
// Fewer than the 5 attempts a post gets, so however they fall no post runs out of retries.
const RATE_LIMITS = 4;

describe('several workers on one queue, restarted while posts are in flight', () => {
  let graph: GraphEmulator;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await graph.stop();
  });

  it('make exactly one post per approved revision, even with rate-limit retries and sweeps running alongside', async () => {
    const env = { GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_RETRY_BASE_MS: '20', GATEHOUSE_PLATFORM_TIMEOUT_MS: '5000' };
    const first = await TestApp.start({ ...env, GATEHOUSE_ROLE: 'all' });
    apps.push(first);
    const shared = { ...env, GATEHOUSE_ROLE: 'worker', GATEHOUSE_QUEUE_PREFIX: first.config.publishing.queuePrefix, GATEHOUSE_VAULT_KEY: first.config.vaultKey.toString('base64') };
    let second = await TestApp.start(shared, first.database);
    apps.push(second);

    const page = `3048576${Math.floor(Math.random() * 1e8)}`;
    const s = await liveStage(first, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
    for (let i = 0; i < RATE_LIMITS; i++) graph.rateLimitNext(0, created);

    const drafts: Record<string, any>[] = [];
    for (let i = 0; i < POSTS; i++) {
      drafts.push(await approved(first, s));
      // Sweeps from both instances race the dispatcher and the workers; they must never add a second job.
      if (i % 4 === 0) await Promise.all([first.app.get(OutboxDispatcher).sweep(), second.app.get(OutboxDispatcher).sweep()]);
      // Half-way, the second worker is shut down (letting its jobs finish) and a fresh one takes its place.
      if (i === POSTS / 2) {
        await apps.splice(apps.indexOf(second), 1)[0].close();
        second = await TestApp.start(shared, first.database);
        apps.push(second);
      }
    }

    // Read from the database: polling 24 drafts over HTTP would trip the per-session request limit.
    const statuses = async () => {
      const rows = await first.dataSource.getRepository(Draft).findBy({ id: In(drafts.map((d) => d.id)) });
      return rows.map((row) => row.status);
    };
    const final = await waitFor(statuses, (all) => all.length === POSTS && all.every((status) => status === 'published'), 90_000, 200);
    expect(final).toEqual(Array(POSTS).fill('published'));
    expect((await getDraft(first, s.reviewer.token, drafts[0].id)).publication).toMatchObject({ externalId: expect.any(String) });

    const posts = graph.pagePosts.get(page)!;
    for (const draft of drafts) expect(posts.filter((p) => p.message === draft.revision.text)).toHaveLength(1);
    expect(posts).toHaveLength(POSTS);
    // Every create call either made its post or was turned away by a rate limit: no repeats.
    expect(graph.requestsTo(created)).toHaveLength(POSTS + RATE_LIMITS);
  });
});
