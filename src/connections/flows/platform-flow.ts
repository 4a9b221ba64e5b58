import type { Candidate } from '../connection.entity';

/** A token the platform issued for one candidate. Sealed by the vault, never logged or returned. */
export interface Grant {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires; null when it does not (a Page token). */
  accessTokenExpiresAt: string | null;
  /** When the account must be signed in again: null for a Page token, or when refreshing works with no known end. */
  reconnectBy: string | null;
}

export interface AuthorisationRequest {
  state: string;
  redirectUri: string;
  /** PKCE S256 challenge, for flows that use it. */
  codeChallenge: string;
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** What came back from the platform after consent. `candidates[i]` is published with `grants[i]`. */
export type ExchangeOutcome =
  | { kind: 'granted'; candidates: { candidate: Candidate; grant: Grant }[] }
  | { kind: 'failed'; code: ConnectionFailureCode; message: string };

export type ConnectionFailureCode = 'CONSENT_REFUSED' | 'OFFLINE_ACCESS_MISSING' | 'NOTHING_GRANTED' | 'EXCHANGE_FAILED';

/** The stored token, as a check reads it. */
export interface StoredToken {
  accessToken: string;
  refreshToken: string | null;
  /** The app that issued it, when the vault holds one (tokens pasted in by hand); else the configured app. */
  client: { id: string; secret: string } | null;
}

export type TokenCheck =
  | { kind: 'checked'; valid: boolean; expiresAt: string | null; scopes: string[] }
  | { kind: 'unavailable'; message: string };

export type TokenRefresh =
  | { kind: 'refreshed'; grant: Grant }
  /** The platform refused the refresh grant: the account must be reconnected. */
  | { kind: 'invalid'; message: string }
  | { kind: 'unavailable'; message: string };

/**
 * One platform's OAuth flow, as its documentation describes it (PLATFORMS.md, last section). A flow
 * never throws for what the platform answers: it says what came of it.
 */
export interface PlatformFlow {
  /** The variables an administrator sets to configure it, for the error that says they are missing. */
  readonly variables: string[];
  readonly configured: boolean;
  authorizationUrl(request: AuthorisationRequest): string;
  exchange(exchange: CodeExchange): Promise<ExchangeOutcome>;
  check(token: StoredToken): Promise<TokenCheck>;
  /** Null when the platform offers no refresh for this token (Facebook Page tokens). */
  refresh(token: StoredToken): Promise<TokenRefresh> | null;
}

export const failed = (code: ConnectionFailureCode, message: string): ExchangeOutcome => ({ kind: 'failed', code, message });
