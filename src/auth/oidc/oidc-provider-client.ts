import { Inject, Injectable } from '@nestjs/common';
import type { Configuration } from 'openid-client';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { OidcConfig } from '../../common/config/identity-config';

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  email: string | null;
  emailVerified: boolean | null;
  preferredUsername: string | null;
  subject: string;
}

// openid-client is ESM-only; TypeScript compiles this to require(), which Node 20 supports for ESM.
const openidClient = () => import('openid-client');

/**
 * The OpenID provider through openid-client (a certified relying party): discovery, the code flow
 * with PKCE, and the ID token checked against the provider's JWKS as well as iss, aud, exp and nonce.
 */
@Injectable()
export class OidcProviderClient {
  private readonly oidc: OidcConfig | null;
  private configuration: Promise<Configuration> | null = null;
  readonly redirectUri: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.oidc = config.identity.oidc;
    this.redirectUri = `${config.publicUrl}/auth/oidc/callback`;
  }

  get enabled(): boolean {
    return this.oidc !== null;
  }

  async authorizationRequest(): Promise<AuthorizationRequest> {
    const client = await openidClient();
    const config = await this.discovered();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code; throws when anything about the answer or the ID token does not hold. */
  async verify(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedIdentity> {
    const client = await openidClient();
    const config = await this.discovered();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('The provider sent no ID token.');
    // Some providers keep email and profile claims out of the ID token; then they come from userinfo, for the same subject.
    const claims: Record<string, unknown> =
      idToken.email === undefined && idToken.preferred_username === undefined && config.serverMetadata().userinfo_endpoint
        ? { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), sub: idToken.sub }
        : idToken;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
    return {
      email: text(claims.email),
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
      preferredUsername: text(claims.preferred_username),
      subject: idToken.sub,
    };
  }

  /** Discovered once; a failed discovery (provider down) is tried again on the next sign-in. */
  private discovered(): Promise<Configuration> {
    if (!this.oidc) throw new Error('Single sign-on is not configured.');
    const oidc = this.oidc;
    this.configuration ??= (async () => {
      const client = await openidClient();
      const issuer = new URL(oidc.issuer);
      const insecure = issuer.protocol === 'http:';
      const config = await client.discovery(issuer, oidc.clientId, { client_secret: oidc.clientSecret }, client.ClientSecretPost(oidc.clientSecret), insecure ? { execute: [client.allowInsecureRequests] } : undefined);
      // Without this, openid-client trusts the TLS channel for an ID token from the token endpoint
      // and does not check its signature; we check it against the provider's JWKS.
      client.enableNonRepudiationChecks(config);
      return config;
    })();
    this.configuration.catch(() => (this.configuration = null));
    return this.configuration;
  }
}
