import { OAuthClient } from '../../common/config/app-config';
import { PlatformHttp } from '../../publishing/platforms/platform-http';
import { callJson, formPost, platformError } from './oauth-http';
import { Grant, StoredToken, TokenRefresh } from './platform-flow';

/** What the flows share: the configured app (client id and secret) and the refresh-token grant of RFC 6749 §6. */
export abstract class OAuthAppFlow {
  constructor(
    protected readonly http: PlatformHttp,
    private readonly client: OAuthClient | null,
    private readonly label: string,
  ) {}

  get configured(): boolean {
    return this.client !== null;
  }

  /** Callers check `configured` first (PlatformFlows.configured); reaching here without an app is a bug. */
  protected get app(): OAuthClient {
    if (!this.client) throw new Error(`${this.label} app is not configured`);
    return this.client;
  }

  /** A refused grant means reconnecting; a rate limit or no answer means trying later. */
  protected async refreshAt(tokenUrl: string, token: StoredToken, toGrant: (json: Record<string, unknown> | null, refreshToken: string) => Grant | null): Promise<TokenRefresh> {
    const refreshToken = token.refreshToken ?? '';
    const app = token.client ?? this.app;
    const answer = await callJson(this.http, formPost(tokenUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.id, client_secret: app.secret }));
    if (answer.kind === 'unavailable') return answer;
    const grant = answer.status === 200 ? toGrant(answer.json, refreshToken) : null;
    if (grant) return { kind: 'refreshed', grant };
    if (answer.status === 429) return { kind: 'unavailable', message: `${this.label} is rate limiting token refreshes` };
    return { kind: 'invalid', message: `${this.label} refused the token refresh: ${platformError(answer.json, answer.status)}` };
  }
}
