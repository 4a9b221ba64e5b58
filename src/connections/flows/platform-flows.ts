import { Inject, Injectable } from '@nestjs/common';
import type { Platform } from '../../accounts/account.entity';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig, OAuthClient } from '../../common/config/app-config';
import { PlatformHttp } from '../../publishing/platforms/platform-http';
import { PlatformAppNotConfiguredError } from '../connections-errors';
import { FacebookFlow } from './facebook-flow';
import { GoogleFlow } from './google-flow';
import { LinkedInFlow } from './linkedin-flow';
import { PlatformFlow } from './platform-flow';

/** The flow for each account platform (Facebook and Instagram share Facebook Login). */
@Injectable()
export class PlatformFlows {
  private readonly byPlatform: Record<Platform, PlatformFlow>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, http: PlatformHttp, clock: Clock) {
    const facebook = new FacebookFlow(http, config);
    this.byPlatform = { facebook, instagram: facebook, linkedin: new LinkedInFlow(http, clock, config), youtube: new GoogleFlow(http, clock, config) };
  }

  /** Any flow, configured or not (for reading what an account holds). */
  of(platform: Platform): PlatformFlow {
    return this.byPlatform[platform];
  }

  /** The configured app of the platform, or null. */
  clientOf(platform: Platform): OAuthClient | null {
    const apps = this.config.oauthApps;
    return platform === 'linkedin' ? apps.linkedin.client : platform === 'youtube' ? apps.google.client : apps.facebook.client;
  }

  /** 409 PLATFORM_APP_NOT_CONFIGURED when the platform's client id or secret is not set. */
  configured(platform: Platform): PlatformFlow {
    const flow = this.byPlatform[platform];
    if (!flow.configured) throw new PlatformAppNotConfiguredError(platform, flow.variables);
    return flow;
  }
}
