import { Clock } from '../../common/clock';
import { AppConfig } from '../../common/config/app-config';
import { isRecord, PlatformHttp } from '../../publishing/platforms/platform-http';
import { Candidate } from '../connection.entity';
import { OAuthAppFlow } from './oauth-app-flow';
import { callJson, formPost, platformError, secondsFrom, str } from './oauth-http';
import { AuthorisationRequest, CodeExchange, ExchangeOutcome, failed, Grant, PlatformFlow, StoredToken, TokenCheck, TokenRefresh } from './platform-flow';

const SCOPES = ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'];
const MAX_PAGES = 20;

/** Google OAuth 2.0 for web server apps, with PKCE (S256) and offline access, then the person's YouTube channels. */
export class GoogleFlow extends OAuthAppFlow implements PlatformFlow {
  readonly variables = ['GATEHOUSE_GOOGLE_CLIENT_ID', 'GATEHOUSE_GOOGLE_CLIENT_SECRET'];

  constructor(
    http: PlatformHttp,
    private readonly clock: Clock,
    private readonly config: Pick<AppConfig, 'platforms' | 'oauthApps'>,
  ) {
    super(http, config.oauthApps.google.client, 'Google');
  }

  authorizationUrl({ state, redirectUri, codeChallenge }: AuthorisationRequest): string {
    const query = new URLSearchParams({
      client_id: this.app.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: SCOPES.join(' '),
      // Offline access with a fresh consent, or Google hands out no refresh token and the account dies within the hour.
      access_type: 'offline',
      prompt: 'consent',
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${this.config.oauthApps.google.authUrl}?${query}`;
  }

  async exchange({ code, redirectUri, codeVerifier }: CodeExchange): Promise<ExchangeOutcome> {
    const app = this.app;
    const answer = await callJson(
      this.http,
      formPost(this.config.platforms.googleTokenUrl, { grant_type: 'authorization_code', code, client_id: app.id, client_secret: app.secret, redirect_uri: redirectUri, code_verifier: codeVerifier }),
    );
    if (answer.kind === 'unavailable') return failed('EXCHANGE_FAILED', `Google did not answer the sign-in: ${answer.message}`);
    const accessToken = answer.status === 200 ? str(answer.json?.access_token) : null;
    if (!accessToken) return failed('EXCHANGE_FAILED', `Google refused the sign-in: ${platformError(answer.json, answer.status)}`);
    const refreshToken = str(answer.json?.refresh_token);
    if (!refreshToken) return failed('OFFLINE_ACCESS_MISSING', 'Google gave no refresh token, so the connection would stop working within the hour. Remove Gatehouse from the Google account’s third-party access and connect again.');
    const grant: Grant = { accessToken, refreshToken, accessTokenExpiresAt: secondsFrom(this.clock.now().getTime(), answer.json?.expires_in), reconnectBy: null };

    const candidates: { candidate: Candidate; grant: Grant }[] = [];
    let pageToken: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ part: 'snippet', mine: 'true', maxResults: '50', ...(pageToken ? { pageToken } : {}) });
      const listed = await callJson(this.http, { method: 'GET', url: `${this.config.platforms.youtubeApiUrl}/youtube/v3/channels?${query}`, headers: { Authorization: `Bearer ${accessToken}` } });
      if (listed.kind === 'unavailable') return failed('EXCHANGE_FAILED', `YouTube did not list the channels: ${listed.message}`);
      if (listed.status !== 200 || !listed.json) return failed('EXCHANGE_FAILED', `YouTube did not list the channels: ${platformError(listed.json, listed.status)}`);
      for (const item of Array.isArray(listed.json.items) ? listed.json.items : []) {
        const id = isRecord(item) ? str(item.id) : null;
        if (!id) continue;
        const title = isRecord(item.snippet) ? str(item.snippet.title) : null;
        candidates.push({ candidate: { externalId: id, name: title ?? id, kind: 'channel' }, grant });
      }
      pageToken = str(listed.json.nextPageToken);
      if (!pageToken) break;
    }
    if (candidates.length === 0) return failed('NOTHING_GRANTED', 'This Google account has no YouTube channel.');
    return { kind: 'granted', candidates };
  }

  async check(token: StoredToken): Promise<TokenCheck> {
    const answer = await callJson(this.http, { method: 'GET', url: `${this.config.oauthApps.google.tokeninfoUrl}?${new URLSearchParams({ access_token: token.accessToken })}` });
    if (answer.kind === 'unavailable') return answer;
    if (answer.status === 400) return { kind: 'checked', valid: false, expiresAt: null, scopes: [] };
    if (answer.status !== 200 || !answer.json) return { kind: 'unavailable', message: `Google could not check the token: ${platformError(answer.json, answer.status)}` };
    const app = token.client ?? (this.configured ? this.app : null);
    // A token issued to another app is not one Gatehouse can keep alive.
    const ours = app === null || answer.json.aud === undefined || answer.json.aud === app.id;
    const expiresIn = typeof answer.json.expires_in === 'number' ? answer.json.expires_in : Number(answer.json.expires_in);
    const scopes = (str(answer.json.scope) ?? '').split(' ').filter((s) => s !== '');
    return { kind: 'checked', valid: ours, expiresAt: secondsFrom(this.clock.now().getTime(), expiresIn), scopes };
  }

  refresh(token: StoredToken): Promise<TokenRefresh> | null {
    if (!token.refreshToken) return null;
    return this.refreshAt(this.config.platforms.googleTokenUrl, token, (json, refreshToken) => {
      const accessToken = str(json?.access_token);
      if (!accessToken) return null;
      // Google keeps the refresh token unless it sends a new one.
      return { accessToken, refreshToken: str(json?.refresh_token) ?? refreshToken, accessTokenExpiresAt: secondsFrom(this.clock.now().getTime(), json?.expires_in), reconnectBy: null };
    });
  }
}
