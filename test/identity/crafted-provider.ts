import { generateKeyPairSync, KeyObject, randomBytes, sign } from 'crypto';
import { once } from 'events';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';

type Alg = 'RS256' | 'ES256';

export interface SigningKey {
  kid: string;
  alg: Alg;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

export function signingKey(kid: string, alg: Alg): SigningKey {
  const { privateKey, publicKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, alg, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS, signed here with node:crypto: `kid` may name another key than the one that signs. */
export function jwt(claims: Record<string, unknown>, key: SigningKey, kid = key.kid): string {
  const input = `${b64url({ alg: key.alg, kid, typ: 'JWT' })}.${b64url(claims)}`;
  const signature = key.alg === 'RS256' ? sign('sha256', Buffer.from(input), key.privateKey) : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * A hand-made OpenID provider on loopback whose token endpoint answers with whatever ID token the
 * test crafts: oidc-provider always signs correctly, and these tests need tokens that do not.
 */
export class CraftedProvider {
  readonly keys = { rsa: signingKey('rsa-1', 'RS256'), ec: signingKey('ec-1', 'ES256') };
  /** The next answer of the token endpoint, given the form it received. */
  idToken: (form: URLSearchParams) => string = () => {
    throw new Error('no ID token set');
  };
  readonly tokenRequests: URLSearchParams[] = [];

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<CraftedProvider> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const provider = new CraftedProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (request, response) => {
      void provider.answer(request).then(({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    return provider;
  }

  /** Claims a valid ID token for this client and nonce would carry. */
  claims(nonce: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { iss: this.issuer, aud: 'gatehouse-test-client', sub: `sub-${randomBytes(4).toString('hex')}`, iat: now, exp: now + 300, nonce, ...overrides };
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(request.url ?? '/', this.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256', 'ES256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
        },
      };
    }
    if (url.pathname === '/jwks') return { status: 200, body: { keys: [this.keys.rsa.publicJwk, this.keys.ec.publicJwk] } };
    if (url.pathname === '/token' && request.method === 'POST') {
      let text = '';
      for await (const chunk of request) text += chunk;
      const form = new URLSearchParams(text);
      this.tokenRequests.push(form);
      return { status: 200, body: { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: this.idToken(form) } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
