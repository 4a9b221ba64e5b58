import { Clock } from '../../common/clock';
import { AppConfig } from '../../common/config/app-config';
import { isRecord, PlatformHttp } from '../../publishing/platforms/platform-http';
import { Candidate } from '../connection.entity';
import { OAuthAppFlow } from './oauth-app-flow';
import { callJson, formPost, platformError, secondsFrom, str } from './oauth-http';
import { AuthorisationRequest, CodeExchange, ExchangeOutcome, failed, Grant, PlatformFlow, StoredToken, TokenCheck, TokenRefresh } from './platform-flow';

const SCOPES = ['w_organization_social', 'r_organization_social', 'rw_organization_admin'];
/** The roles that may post as the organisation. */
const POSTING_ROLES = ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR'];
const PAGE_SIZE = 100;

/** LinkedIn's authorization-code flow, then the organisations the member administers (`organizationAcls`). */
export class LinkedInFlow extends OAuthAppFlow implements PlatformFlow {
  readonly variables = ['GATEHOUSE_LINKEDIN_CLIENT_ID', 'GATEHOUSE_LINKEDIN_CLIENT_SECRET'];

  constructor(
    http: PlatformHttp,
    private readonly clock: Clock,
    private readonly config: Pick<AppConfig, 'platforms' | 'oauthApps'>,
  ) {
    super(http, config.oauthApps.linkedin.client, 'LinkedIn');
  }

  authorizationUrl({ state, redirectUri }: AuthorisationRequest): string {
    const query = new URLSearchParams({ response_type: 'code', client_id: this.app.id, redirect_uri: redirectUri, state, scope: SCOPES.join(' ') });
    return `${this.config.oauthApps.linkedin.authUrl}?${query}`;
  }

  async exchange({ code, redirectUri }: CodeExchange): Promise<ExchangeOutcome> {
    const app = this.app;
    const answer = await callJson(this.http, formPost(this.config.platforms.linkedinTokenUrl, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: app.id, client_secret: app.secret }));
    if (answer.kind === 'unavailable') return failed('EXCHANGE_FAILED', `LinkedIn did not answer the sign-in: ${answer.message}`);
    const grant = answer.status === 200 ? this.grantFrom(answer.json, null) : null;
    if (!grant) return failed('EXCHANGE_FAILED', `LinkedIn refused the sign-in: ${platformError(answer.json, answer.status)}`);

    const orgIds: string[] = [];
    for (const role of POSTING_ROLES) {
      const found = await this.organisations(grant.accessToken, role);
      if (typeof found === 'string') return failed('EXCHANGE_FAILED', found);
      for (const id of found) if (!orgIds.includes(id)) orgIds.push(id);
    }
    if (orgIds.length === 0) return failed('NOTHING_GRANTED', 'This LinkedIn login is not an administrator or content administrator of any organisation page.');
    const candidates: { candidate: Candidate; grant: Grant }[] = [];
    for (const id of orgIds) candidates.push({ candidate: { externalId: id, name: await this.organisationName(grant.accessToken, id), kind: 'organization' }, grant });
    return { kind: 'granted', candidates };
  }

  async check(token: StoredToken): Promise<TokenCheck> {
    const app = token.client ?? this.app;
    const answer = await callJson(this.http, formPost(this.config.oauthApps.linkedin.introspectUrl, { client_id: app.id, client_secret: app.secret, token: token.accessToken }));
    if (answer.kind === 'unavailable') return answer;
    if (answer.status !== 200 || !answer.json) return { kind: 'unavailable', message: `LinkedIn could not check the token: ${platformError(answer.json, answer.status)}` };
    const json = answer.json;
    const expiresAt = typeof json.expires_at === 'number' ? new Date(json.expires_at * 1000).toISOString() : null;
    const scopes = (str(json.scope) ?? '').split(/[ ,]+/).filter((s) => s !== '');
    return { kind: 'checked', valid: json.active === true, expiresAt, scopes };
  }

  refresh(token: StoredToken): Promise<TokenRefresh> | null {
    if (!token.refreshToken) return null;
    return this.refreshAt(this.config.platforms.linkedinTokenUrl, token, (json, refreshToken) => this.grantFrom(json, refreshToken));
  }

  /** Without a refresh token (apps LinkedIn has not approved for them) the account must be reconnected when the access token ends. */
  private grantFrom(json: Record<string, unknown> | null, previousRefreshToken: string | null): Grant | null {
    const accessToken = str(json?.access_token);
    if (!json || !accessToken) return null;
    const now = this.clock.now().getTime();
    const accessTokenExpiresAt = secondsFrom(now, json.expires_in);
    const refreshToken = str(json.refresh_token) ?? previousRefreshToken;
    const refreshEnds = secondsFrom(now, json.refresh_token_expires_in);
    return { accessToken, refreshToken, accessTokenExpiresAt, reconnectBy: refreshToken ? refreshEnds : accessTokenExpiresAt };
  }

  /** The organisation ids where the member holds `role`, following LinkedIn's start/count paging; a string is the failure. */
  private async organisations(token: string, role: string): Promise<string[] | string> {
    const ids: string[] = [];
    for (let start = 0; ; start += PAGE_SIZE) {
      const query = new URLSearchParams({ q: 'roleAssignee', role, state: 'APPROVED', start: String(start), count: String(PAGE_SIZE) });
      const answer = await callJson(this.http, { method: 'GET', url: `${this.config.platforms.linkedinApiUrl}/rest/organizationAcls?${query}`, headers: this.headers(token) });
      if (answer.kind === 'unavailable') return `LinkedIn did not list the organisations: ${answer.message}`;
      if (answer.status !== 200 || !answer.json) return `LinkedIn did not list the organisations: ${platformError(answer.json, answer.status)}`;
      const elements = Array.isArray(answer.json.elements) ? answer.json.elements : [];
      for (const element of elements) {
        if (!isRecord(element) || element.role !== role || (element.state !== undefined && element.state !== 'APPROVED')) continue;
        const id = /^urn:li:organization:(\d+)$/.exec(str(element.organization) ?? '')?.[1];
        if (id) ids.push(id);
      }
      const total = isRecord(answer.json.paging) && typeof answer.json.paging.total === 'number' ? answer.json.paging.total : null;
      if (elements.length < PAGE_SIZE || (total !== null && start + PAGE_SIZE >= total)) return ids;
    }
  }

  /** The page's name as people know it; the id stands in when LinkedIn does not say. */
  private async organisationName(token: string, id: string): Promise<string> {
    const answer = await callJson(this.http, { method: 'GET', url: `${this.config.platforms.linkedinApiUrl}/rest/organizations/${id}`, headers: this.headers(token) });
    return (answer.kind === 'answer' && answer.status === 200 && str(answer.json?.localizedName)) || `LinkedIn organisation ${id}`;
  }

  private headers(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}`, 'LinkedIn-Version': this.config.platforms.linkedinVersion, 'X-Restli-Protocol-Version': '2.0.0' };
  }
}
