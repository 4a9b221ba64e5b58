import { AppConfig } from '../../common/config/app-config';
import { isRecord, PlatformHttp } from '../../publishing/platforms/platform-http';
import { Candidate } from '../connection.entity';
import { OAuthAppFlow } from './oauth-app-flow';
import { callJson, platformError, str } from './oauth-http';
import { AuthorisationRequest, CodeExchange, ExchangeOutcome, failed, Grant, PlatformFlow, StoredToken, TokenCheck } from './platform-flow';

const SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'business_management', 'instagram_basic', 'instagram_content_publish'];
const PAGE_FIELDS = 'id,name,access_token,tasks,instagram_business_account{id,username}';
/** A bound on paging.next, so a misbehaving answer cannot keep us looping. */
const MAX_PAGES = 50;

/**
 * Facebook Login, "manually build a login flow": code → short-lived user token → long-lived user token →
 * `me/accounts`. Only the Page tokens are kept; the user token is used for these calls and dropped.
 */
export class FacebookFlow extends OAuthAppFlow implements PlatformFlow {
  readonly variables = ['GATEHOUSE_FACEBOOK_APP_ID', 'GATEHOUSE_FACEBOOK_APP_SECRET'];
  private readonly graph: string;
  private readonly loginUrl: string;
  private readonly version: string;

  constructor(http: PlatformHttp, config: Pick<AppConfig, 'platforms' | 'oauthApps'>) {
    super(http, config.oauthApps.facebook.client, 'Facebook');
    this.version = config.platforms.graphApiVersion;
    this.graph = `${config.platforms.facebookGraphUrl}/${this.version}`;
    this.loginUrl = config.oauthApps.facebook.loginUrl;
  }

  authorizationUrl({ state, redirectUri }: AuthorisationRequest): string {
    const query = new URLSearchParams({ client_id: this.app.id, redirect_uri: redirectUri, state, response_type: 'code', scope: SCOPES.join(',') });
    return `${this.loginUrl}/${this.version}/dialog/oauth?${query}`;
  }

  async exchange({ code, redirectUri }: CodeExchange): Promise<ExchangeOutcome> {
    const app = this.app;
    const short = await this.tokenCall({ client_id: app.id, client_secret: app.secret, redirect_uri: redirectUri, code });
    if (short.kind === 'failed') return short;
    const long = await this.tokenCall({ grant_type: 'fb_exchange_token', client_id: app.id, client_secret: app.secret, fb_exchange_token: short.token });
    if (long.kind === 'failed') return long;

    const candidates: { candidate: Candidate; grant: Grant }[] = [];
    let url: string | null = `${this.graph}/me/accounts?${new URLSearchParams({ fields: PAGE_FIELDS, limit: '100', access_token: long.token })}`;
    for (let page = 0; url !== null && page < MAX_PAGES; page++) {
      const answer = await callJson(this.http, { method: 'GET', url });
      if (answer.kind === 'unavailable') return failed('EXCHANGE_FAILED', `Facebook did not list the Pages: ${answer.message}`);
      if (answer.status !== 200 || !answer.json) return failed('EXCHANGE_FAILED', `Facebook did not list the Pages: ${platformError(answer.json, answer.status)}`);
      for (const item of Array.isArray(answer.json.data) ? answer.json.data : []) candidates.push(...pageCandidates(item));
      url = this.nextPage(answer.json.paging);
    }
    if (candidates.length === 0) return failed('NOTHING_GRANTED', 'No Facebook Page came back that this login may post to: tick the Page on the consent page, with a role that can create content.');
    return { kind: 'granted', candidates };
  }

  async check(token: StoredToken): Promise<TokenCheck> {
    const app = token.client ?? this.app;
    const query = new URLSearchParams({ input_token: token.accessToken, access_token: `${app.id}|${app.secret}` });
    const answer = await callJson(this.http, { method: 'GET', url: `${this.graph}/debug_token?${query}` });
    if (answer.kind === 'unavailable') return answer;
    const data = answer.json && isRecord(answer.json.data) ? answer.json.data : null;
    if (answer.status !== 200 || !data) return { kind: 'unavailable', message: `Facebook could not check the token: ${platformError(answer.json, answer.status)}` };
    const expiresAt = typeof data.expires_at === 'number' && data.expires_at > 0 ? new Date(data.expires_at * 1000).toISOString() : null;
    const scopes = Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [];
    // A user token posts nothing to a Page ("must be posted to a page as the page itself").
    return { kind: 'checked', valid: data.is_valid === true && data.type === 'PAGE', expiresAt, scopes };
  }

  /** Page tokens cannot be refreshed: a dead one means signing in again. */
  refresh(): null {
    return null;
  }

  private async tokenCall(params: Record<string, string>): Promise<{ kind: 'token'; token: string } | Extract<ExchangeOutcome, { kind: 'failed' }>> {
    const answer = await callJson(this.http, { method: 'GET', url: `${this.graph}/oauth/access_token?${new URLSearchParams(params)}` });
    if (answer.kind === 'unavailable') return { kind: 'failed', code: 'EXCHANGE_FAILED', message: `Facebook did not answer the sign-in: ${answer.message}` };
    const token = answer.status === 200 ? str(answer.json?.access_token) : null;
    if (!token) return { kind: 'failed', code: 'EXCHANGE_FAILED', message: `Facebook refused the sign-in: ${platformError(answer.json, answer.status)}` };
    return { kind: 'token', token };
  }

  /** Follows `paging.next` only back to the Graph API: the link carries the user token. */
  private nextPage(paging: unknown): string | null {
    const next = isRecord(paging) ? str(paging.next) : null;
    return next !== null && next.startsWith(`${this.graph}/`) ? next : null;
  }
}

/** A Page is a candidate only with its own token and CREATE_CONTENT; its linked Instagram account rides on that token. */
function pageCandidates(item: unknown): { candidate: Candidate; grant: Grant }[] {
  if (!isRecord(item)) return [];
  const id = str(item.id);
  const pageToken = str(item.access_token);
  const tasks = Array.isArray(item.tasks) ? item.tasks : [];
  if (!id || !pageToken || !tasks.includes('CREATE_CONTENT')) return [];
  const name = str(item.name) ?? id;
  const grant: Grant = { accessToken: pageToken, refreshToken: null, accessTokenExpiresAt: null, reconnectBy: null };
  const out: { candidate: Candidate; grant: Grant }[] = [{ candidate: { externalId: id, name, kind: 'page' }, grant }];
  const instagram = isRecord(item.instagram_business_account) ? item.instagram_business_account : null;
  const igId = instagram ? str(instagram.id) : null;
  if (igId) {
    const username = str(instagram!.username);
    out.push({ candidate: { externalId: igId, name: username ? `@${username} (Instagram, via ${name})` : `Instagram account of ${name}`, kind: 'instagram_account' }, grant });
  }
  return out;
}
