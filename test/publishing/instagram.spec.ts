import { bearer, TestApp } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator } from '../emulators/graph-emulator';
import { jpegBytes, Stage, upload } from '../drafts/support';
import { approved, liveStage, settled } from './support';
import { freePort } from '../support/free-port';

jest.setTimeout(90_000);

const TOKEN = 'EAAGig-token-for-tests';

describe('publishing to a live Instagram account (Graph API emulator)', () => {
  let t: TestApp;
  let graph: GraphEmulator;
  let s: Stage;
  let igUser: string;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    // Instagram downloads the image itself, from Gatehouse's signed public link: the app must listen.
    const port = await freePort();
    t = await TestApp.start({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_PUBLIC_URL: `http://127.0.0.1:${port}`, GATEHOUSE_PLATFORM_TIMEOUT_MS: '5000' });
    await t.app.listen(port, '127.0.0.1');
    igUser = `178414${Math.floor(Math.random() * 1e11)}`;
    s = await liveStage(t, { platform: 'instagram', externalId: igUser }, { accessToken: TOKEN });
    graph.addInstagramUser(igUser, TOKEN);
  });
  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  it('publishes an uploaded image once; a takedown opens a manual task, and completing it takes the post down', async () => {
    const image = jpegBytes(4096);
    const media = await upload(t, s.author.token, image, 'garden.jpg');
    expect(media.status).toBe(201);
    const draft = await approved(t, s, {
      media: [{ mediaId: media.body.id, altText: 'Tomatoes in the garden', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }],
    });
    const published = await settled(t, s.reviewer.token, draft.id, undefined, 30_000);
    expect(published.status).toBe('published');

    const containers = graph.requestsTo(on('POST', `/${igUser}/media`));
    expect(containers).toHaveLength(1);
    expect(containers[0].form.get('caption')).toBe(draft.revision.text);
    const imageUrl = containers[0].form.get('image_url')!;
    expect(imageUrl.startsWith(`${t.config.publicUrl}/media-links/${media.body.id}?`)).toBe(true);
    expect(graph.downloads.find((d) => d.url === imageUrl)).toMatchObject({ status: 200, bytes: image.length });
    expect(graph.requestsTo(on('POST', '/media_publish'))).toHaveLength(1);
    const live = graph.igMedia.get(igUser)!;
    expect(live).toHaveLength(1);
    expect(published.publication).toMatchObject({ externalId: live[0].id, url: live[0].permalink });

    const down = await t.http.post(`/api/v1/drafts/${draft.id}/take-down`).set(bearer(s.manager.token)).send({ reason: 'Photo of the wrong garden' });
    expect(down.status).toBe(409);
    expect(down.body.code).toBe('TAKEDOWN_UNSUPPORTED');
    const tasks = await t.http.get('/api/v1/platform-tasks').set(bearer(s.manager.token));
    expect(tasks.status).toBe(200);
    const task = tasks.body.items.find((item: any) => item.draftId === draft.id);
    expect(task).toMatchObject({ kind: 'remove_post', status: 'open', accountId: s.account.id, reason: 'Photo of the wrong garden' });
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.manager.token))).body.status).toBe('published');

    const done = await t.http.post(`/api/v1/platform-tasks/${task.id}/complete`).set(bearer(s.manager.token)).send({ note: 'Deleted in the Instagram app' });
    expect(done.status).toBe(200);
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.manager.token))).body.status).toBe('taken_down');
    const open = await t.http.get('/api/v1/platform-tasks').set(bearer(s.manager.token));
    expect(open.body.items.some((item: any) => item.id === task.id)).toBe(false);
  });
});
