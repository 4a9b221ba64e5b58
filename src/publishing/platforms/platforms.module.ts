import { Module } from '@nestjs/common';
import { MediaLinks } from '../media-links';
import { FacebookClient } from './facebook.client';
import { InstagramClient } from './instagram.client';
import { LinkedInClient } from './linkedin.client';
import { PlatformClients } from './platform-clients';
import { PlatformHttp } from './platform-http';
import { SandboxClient } from './sandbox.client';
import { YouTubeClient } from './youtube.client';

/**
 * The platform clients and the signing half of media links; import it where publishing happens. Needs no
 * database, so it also runs in a bare testing module. The route serving links is MediaLinksModule.
 */
@Module({
  providers: [PlatformHttp, FacebookClient, InstagramClient, LinkedInClient, YouTubeClient, SandboxClient, PlatformClients, MediaLinks],
  exports: [PlatformClients, MediaLinks],
})
export class PlatformsModule {}
