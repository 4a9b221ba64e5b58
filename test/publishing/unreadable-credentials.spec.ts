import { TestApp } from '../support/test-app';
import { QUIET_PUBLISHING } from '../drafts/support';
import { on } from '../emulators/emulator-server';
import { GraphEmulator } from '../emulators/graph-emulator';
import { approved, liveStage, settled } from './support';

jest.setTimeout(90_000);

const TOKEN = 'EAAGpage-token-vault';

describe('a worker that cannot read the stored credentials', () => {
  let graph: GraphEmulator;
  let api: TestApp;
  let worker: TestApp | null = null;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    api = await TestApp.start({ ...QUIET_PUBLISHING, GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await graph.stop();
  });

  it('holds the post instead of leaving it publishing, and calls nothing', async () => {
    const page = `3048576${Math.floor(Math.random() * 1e8)}`;
    const s = await liveStage(api, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
    const draft = await approved(api, s);
    expect(draft.status).toBe('publishing');

    // Same database and queue, but a different vault key (a misconfigured worker).
    worker = await TestApp.start({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_QUEUE_PREFIX: api.config.publishing.queuePrefix }, api.database);
    const held = await settled(worker, s.reviewer.token, draft.id);
    expect(held.status).toBe('held');
    expect(held.failure).toMatchObject({ code: 'ACCOUNT_NOT_PUBLISHABLE', message: expect.stringContaining('cannot be read') });
    expect(graph.requestsTo(on('POST', '/feed'))).toHaveLength(0);
  });
});
