import { TestApp } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator } from '../emulators/graph-emulator';
import { PublishWorker } from '../../src/publishing/publish-worker';
import { approved, attempts, liveStage, settled, waitFor } from './support';

jest.setTimeout(90_000);

const TOKEN = 'EAAGpage-token-crash';
const created = on('POST', '/feed');

describe('a worker that dies while the platform call is out', () => {
  let graph: GraphEmulator;
  let first: TestApp;
  let second: TestApp | null = null;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
  });
  afterAll(async () => {
    // Closing the emulator ends the dead worker's hanging call; its late outcome must not disturb the post.
    await graph.stop();
    await second?.close();
    await first?.close();
  });

  it('is never followed by a second create call: the next worker marks the post unconfirmed', async () => {
    const env = {
      GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url,
      // Longer than the test: the dead worker's call never comes back while we look.
      GATEHOUSE_PLATFORM_TIMEOUT_MS: '60000',
      GATEHOUSE_WORKER_LOCK_MS: '2000',
      GATEHOUSE_RETRY_BASE_MS: '20',
    };
    first = await TestApp.start(env);
    const page = `2048576${Math.floor(Math.random() * 1e8)}`;
    const s = await liveStage(first, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
    graph.hangNext(created);

    const draft = await approved(first, s);
    await waitFor(() => attempts(first, draft.id), (rows) => rows.some((row) => row.outcome === 'sending'));
    await waitFor(() => Promise.resolve(graph.requestsTo(created).length), (n) => n === 1);
    await first.app.get(PublishWorker).kill();

    second = await TestApp.start({
      ...env,
      GATEHOUSE_QUEUE_PREFIX: first.config.publishing.queuePrefix,
      GATEHOUSE_VAULT_KEY: first.config.vaultKey.toString('base64'),
    }, first.database);
    const unconfirmed = await settled(second, s.reviewer.token, draft.id, 'unconfirmed', 20_000);
    expect(unconfirmed.failure).toMatchObject({ code: expect.any(String) });
    // The new worker looked for the post (it was not made) instead of posting again.
    await waitFor(() => Promise.resolve(graph.requestsTo(on('GET', `/${page}/feed`)).length), (n) => n >= 1);
    expect(graph.requestsTo(created)).toHaveLength(1);
    expect((await attempts(second, draft.id)).map((row) => row.outcome)).toEqual(['unknown']);
  });
});
