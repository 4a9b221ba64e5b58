// A real OpenID provider (oidc-provider, the certified library) on loopback, for the single sign-on
// tests. It is ESM-only, so it runs in its own Node process. Sign-in needs no form: the next person
// to sign in is set with POST /test/next-login?email=..., and consent is granted at once.
// Usage: node oidc-provider-server.mjs <clientId> <clientSecret> <redirectUri>; prints {"issuer"} once listening.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret, redirectUri] = process.argv.slice(2);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'provider-rsa', alg: 'RS256', use: 'sig' };

let nextLogin = null;
let provider;

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/test/next-login') {
      nextLogin = url.searchParams.get('email');
      res.writeHead(204).end();
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      let result;
      if (details.prompt.name === 'login') {
        result = { login: { accountId: nextLogin } };
      } else {
        const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
        if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
        if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
        result = { consent: { grantId: await grant.save() } };
      }
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error && error.stack));
  }
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [signingKey] },
    // The account id is the email address the test chose.
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: sub, email_verified: true, preferred_username: sub, name: sub.split('@')[0] }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['gatehouse-test-provider-cookie-key'] },
    pkce: { required: () => true },
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`${error.stack}\n`));
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
