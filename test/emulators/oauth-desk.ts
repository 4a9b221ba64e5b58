import { createHash, randomBytes } from 'crypto';
import { RecordedRequest, Reply } from './emulator-server';

/** A platform app as registered in the platform's developer console. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the app; the one in a request must match one exactly. */
  redirectUris: string[];
}

export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  /** PKCE S256 challenge sent on the consent page, if any. */
  challenge: string | null;
  /** Query parameters of the consent request, for platform-specific rules (Google's access_type). */
  consent: URLSearchParams;
  used: boolean;
}

export type Redemption =
  | { kind: 'ok'; code: IssuedCode }
  | { kind: 'bad_client' }
  | { kind: 'unknown_code' }
  | { kind: 'used_code' }
  | { kind: 'redirect_mismatch' }
  | { kind: 'verifier_missing' }
  | { kind: 'verifier_mismatch' };

/** What the person on the consent page does next. */
export type ConsentChoice = { kind: 'allow'; userId: string } | { kind: 'refuse'; error: Record<string, string> };

const page = (status: number, text: string): Reply => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>Error</title><p>${text}</p>` });

/**
 * The consent page and the authorisation codes it hands out, as OAuth 2.0 (RFC 6749, 7636) has every
 * platform play them: the page checks the client and the exact redirect URI, then answers 302 to it with
 * `code` and `state` (or the refusal); a code works once, for the client and redirect URI it was issued to,
 * and with PKCE only alongside the verifier of its challenge.
 */
export class OAuthDesk {
  readonly apps = new Map<string, OAuthApp>();
  readonly codes = new Map<string, IssuedCode>();
  /** Who is signed in on the platform and consents; null: nobody is signed in. */
  signedIn: string | null = null;
  private refuseNext: Record<string, string> | null = null;

  register(app: OAuthApp): void {
    this.apps.set(app.clientId, app);
  }

  /** The next visitor to the consent page clicks "Cancel"; `error` is the platform's refusal parameters. */
  refuseNextConsent(error: Record<string, string>): void {
    this.refuseNext = error;
  }

  consent(r: RecordedRequest, { requirePkce = false } = {}): Reply {
    const q = r.query;
    const app = this.apps.get(q.get('client_id') ?? '');
    if (!app) return page(400, 'Invalid App ID / The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri') ?? '';
    // An unregistered redirect URI is never redirected to: the error stays on the platform's page.
    if (!app.redirectUris.includes(redirectUri)) return page(400, 'redirect_uri_mismatch: The redirect URI in the request does not match the ones authorized for the OAuth client.');
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (q.get('response_type') !== 'code') return this.back(back, { error: 'unsupported_response_type' }, state);
    const challenge = q.get('code_challenge');
    if (challenge !== null && q.get('code_challenge_method') !== 'S256') return this.back(back, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' }, state);
    if (requirePkce && challenge === null) return this.back(back, { error: 'invalid_request', error_description: 'code_challenge is required' }, state);
    if (this.refuseNext) {
      const error = this.refuseNext;
      this.refuseNext = null;
      return this.back(back, error, state);
    }
    if (this.signedIn === null) return page(200, 'Sign in to continue.');
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { clientId: app.clientId, redirectUri, userId: this.signedIn, scope: q.get('scope') ?? '', challenge, consent: q, used: false });
    return this.back(back, { code }, state);
  }

  redeem(params: URLSearchParams): Redemption {
    const app = this.apps.get(params.get('client_id') ?? '');
    if (!app || app.clientSecret !== params.get('client_secret')) return { kind: 'bad_client' };
    const code = this.codes.get(params.get('code') ?? '');
    if (!code || code.clientId !== app.clientId) return { kind: 'unknown_code' };
    if (code.used) return { kind: 'used_code' };
    if (code.redirectUri !== params.get('redirect_uri')) return { kind: 'redirect_mismatch' };
    if (code.challenge !== null) {
      const verifier = params.get('code_verifier');
      if (!verifier) return { kind: 'verifier_missing' };
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return { kind: 'verifier_mismatch' };
    }
    code.used = true;
    return { kind: 'ok', code };
  }

  private back(url: URL, params: Record<string, string>, state: string | null): Reply {
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if (state !== null) url.searchParams.set('state', state);
    return { status: 302, headers: { Location: url.toString() } };
  }
}
