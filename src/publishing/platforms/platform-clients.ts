import { Injectable } from '@nestjs/common';
import type { AccountMode, Platform } from '../../accounts/account.entity';
import { FacebookClient } from './facebook.client';
import { InstagramClient } from './instagram.client';
import { LinkedInClient } from './linkedin.client';
import { PlatformClient } from './platform-client';
import { SandboxClient } from './sandbox.client';
import { YouTubeClient } from './youtube.client';

/** The client for an account: its platform's, or the sandbox whatever the platform when the account is a sandbox. */
@Injectable()
export class PlatformClients {
  private readonly live: Record<Platform, PlatformClient>;

  constructor(
    facebook: FacebookClient,
    instagram: InstagramClient,
    linkedin: LinkedInClient,
    youtube: YouTubeClient,
    private readonly sandbox: SandboxClient,
  ) {
    this.live = { facebook, instagram, linkedin, youtube };
  }

  for(account: { platform: Platform; mode: AccountMode }): PlatformClient {
    if (account.mode === 'sandbox') return this.sandbox;
    const client = this.live[account.platform];
    if (!client) throw new Error(`No client for platform "${account.platform}"`);
    return client;
  }
}
