import { Clock } from '../../common/clock';
import { notCreated, refused } from './outcomes';
import { NotCreatedRetryable, PlatformCredentialsInput, RefreshedCredentials, Refused } from './platform-client';
import { HttpResult, isRecord, parseJson, PlatformHttp } from './platform-http';

export type RefreshResult =
  | { kind: 'refreshed'; credentials: RefreshedCredentials }
  /** The grant or client was refused: the account must be reconnected. */
  | { kind: 'invalid'; message: string }
  /** The token endpoint did not answer usefully; nothing was published, try later. */
  | { kind: 'failed'; message: string };

/** Refresh a few seconds early so the token does not expire mid-upload. */
const EARLY_MS = 60_000;

/**
 * The access token a client uses for one operation, refreshed through the OAuth token endpoint
 * (`grant_type=refresh_token`) when it is due or when the platform says 401, at most once.
 */
export class TokenSession {
  token: string;
  refreshed: RefreshedCredentials | undefined;
  private tried = false;

  constructor(
    private readonly http: PlatformHttp,
    private readonly clock: Clock,
    private readonly tokenUrl: string,
    private readonly credentials: PlatformCredentialsInput,
    private readonly label: string,
  ) {
    this.token = credentials.accessToken;
  }

  get canRefresh(): boolean {
    const c = this.credentials;
    return !this.tried && !!c.refreshToken && !!c.clientId && !!c.clientSecret;
  }

  get isDue(): boolean {
    const expiresAt = this.credentials.expiresAt ? Date.parse(this.credentials.expiresAt) : NaN;
    return !Number.isNaN(expiresAt) && expiresAt - EARLY_MS <= this.clock.now().getTime();
  }

  async refresh(): Promise<RefreshResult> {
    this.tried = true;
    const c = this.credentials;
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: c.refreshToken ?? '',
      client_id: c.clientId ?? '',
      client_secret: c.clientSecret ?? '',
    });
    const result = await this.http.send({
      method: 'POST',
      url: this.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    if (result.kind !== 'response') return { kind: 'failed', message: `${this.label} token refresh: ${result.message}` };
    const json = parseJson(result.text);
    if (result.status === 200 && isRecord(json) && typeof json.access_token === 'string') {
      const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : null;
      this.token = json.access_token;
      this.refreshed = {
        accessToken: json.access_token,
        refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : (c.refreshToken ?? null),
        expiresAt: expiresIn === null ? null : new Date(this.clock.now().getTime() + expiresIn * 1000).toISOString(),
      };
      return { kind: 'refreshed', credentials: this.refreshed };
    }
    const error = isRecord(json) && typeof json.error === 'string' ? json.error : `HTTP ${result.status}`;
    // Our request shape is fixed, so a 4xx means the grant or the client was refused (invalid_grant...).
    if (result.status >= 400 && result.status < 500 && result.status !== 429) {
      return { kind: 'invalid', message: `${this.label} refused the token refresh (${error}); reconnect the account` };
    }
    return { kind: 'failed', message: `${this.label} token refresh failed (${error})` };
  }
}

/** Sends with the current token; on a 401 refreshes once (when possible) and sends again. A 401 proves nothing was done. */
export async function sendWithRefresh(
  session: TokenSession,
  send: (token: string) => Promise<HttpResult>,
): Promise<{ kind: 'result'; result: HttpResult } | { kind: 'refresh_failed'; outcome: Refused | NotCreatedRetryable }> {
  const first = await send(session.token);
  if (first.kind !== 'response' || first.status !== 401 || !session.canRefresh) return { kind: 'result', result: first };
  const refresh = await session.refresh();
  if (refresh.kind !== 'refreshed') return { kind: 'refresh_failed', outcome: refreshFailure(refresh) };
  return { kind: 'result', result: await send(session.token) };
}

/** Refreshes before the first call when the stored expiry says the token is (nearly) dead. */
export async function refreshIfDue(session: TokenSession): Promise<Refused | NotCreatedRetryable | null> {
  if (!session.isDue || !session.canRefresh) return null;
  const refresh = await session.refresh();
  return refresh.kind === 'refreshed' ? null : refreshFailure(refresh);
}

function refreshFailure(refresh: Exclude<RefreshResult, { kind: 'refreshed' }>): Refused | NotCreatedRetryable {
  return refresh.kind === 'invalid' ? refused('CREDENTIALS_INVALID', refresh.message) : notCreated(refresh.message);
}

/** Adds the refreshed credentials, if any, to what the client hands back. */
export function withRefreshed<T extends object>(session: TokenSession, outcome: T): T & { credentialsRefreshed?: RefreshedCredentials } {
  return session.refreshed ? { ...outcome, credentialsRefreshed: session.refreshed } : outcome;
}
