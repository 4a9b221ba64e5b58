import { Test } from '@nestjs/testing';
import { CommonModule } from '../../src/common/common.module';
import { ConfigModule } from '../../src/common/config/config.module';
import { MediaLinks } from '../../src/publishing/media-links';
import { FacebookClient } from '../../src/publishing/platforms/facebook.client';
import { InstagramClient } from '../../src/publishing/platforms/instagram.client';
import { LinkedInClient } from '../../src/publishing/platforms/linkedin.client';
import { PlatformClients } from '../../src/publishing/platforms/platform-clients';
import { PlatformsModule } from '../../src/publishing/platforms/platforms.module';
import { SandboxClient } from '../../src/publishing/platforms/sandbox.client';
import { YouTubeClient } from '../../src/publishing/platforms/youtube.client';
import { GraphEmulator } from '../emulators/graph-emulator';
import { platformConfig } from './platform-test-kit';

describe('PlatformClients (Nest module)', () => {
  let graph: GraphEmulator;
  let clients: PlatformClients;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    const config = platformConfig({ GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url, GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.org' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), CommonModule, PlatformsModule] }).compile();
    clients = moduleRef.get(PlatformClients);
    expect(moduleRef.get(MediaLinks).sign('abc')).toMatch(/^https:\/\/gatehouse\.example\.org\/media-links\/abc\?expires=\d+&sig=/);
  });
  afterAll(() => graph.stop());

  it('gives each live account its platform client and every sandbox account the sandbox', () => {
    expect(clients.for({ platform: 'facebook', mode: 'live' })).toBeInstanceOf(FacebookClient);
    expect(clients.for({ platform: 'instagram', mode: 'live' })).toBeInstanceOf(InstagramClient);
    expect(clients.for({ platform: 'linkedin', mode: 'live' })).toBeInstanceOf(LinkedInClient);
    expect(clients.for({ platform: 'youtube', mode: 'live' })).toBeInstanceOf(YouTubeClient);
    for (const platform of ['facebook', 'instagram', 'linkedin', 'youtube'] as const) {
      expect(clients.for({ platform, mode: 'sandbox' })).toBeInstanceOf(SandboxClient);
    }
  });

  it('a sandbox publish calls no platform and returns a sandbox id without a URL', async () => {
    const account = { platform: 'facebook' as const, externalId: '1', mode: 'sandbox' as const };
    const outcome = await clients.for(account).publish({ account, credentials: { accessToken: '' }, post: { text: 'hello', media: [] } });
    expect(outcome).toEqual({ kind: 'published', externalId: expect.stringMatching(/^sandbox:[0-9a-f-]{36}$/), url: null });
    expect(graph.requests).toHaveLength(0);
  });

  it('the injected live clients use the configured base URL', async () => {
    graph.addPage('42', 'page-token');
    const account = { platform: 'facebook' as const, externalId: '42', mode: 'live' as const };
    const outcome = await clients.for(account).publish({ account, credentials: { accessToken: 'page-token' }, post: { text: 'Wired up', media: [] } });
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(graph.requests[0].path).toBe('/v24.0/42/feed');
  });
});
