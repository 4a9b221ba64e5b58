import { bearer, TestApp } from '../support/test-app';
import { GraphEmulator } from '../emulators/graph-emulator';
import { LinkedInEmulator } from '../emulators/linkedin-emulator';
import { YouTubeEmulator } from '../emulators/youtube-emulator';
import { authorise, Stage } from '../drafts/support';
import { approveDpia, cast } from '../governance/fixtures';
import { freePort } from '../support/free-port';

/** The three platform apps as an IT contractor would register them. */
export const APPS = {
  facebook: { clientId: '1029384756102938', clientSecret: 'fb-app-secret-for-tests' },
  linkedin: { clientId: '86gatehouse7li', clientSecret: 'li-client-secret-for-tests' },
  google: { clientId: '1234-gatehouse.apps.googleusercontent.com', clientSecret: 'GOCSPX-google-secret-for-tests' },
};

export interface World {
  t: TestApp;
  graph: GraphEmulator;
  linkedin: LinkedInEmulator;
  youtube: YouTubeEmulator;
  stop(): Promise<void>;
}

/**
 * Gatehouse listening on loopback (the platforms send the browser back to it, and Instagram fetches
 * images from it), with the three platforms' emulators and their apps registered for its redirect URI.
 */
export async function startWorld(env: Record<string, string> = {}, { configured = true } = {}): Promise<World> {
  const graph = await new GraphEmulator().start();
  const linkedin = await new LinkedInEmulator().start();
  const youtube = await new YouTubeEmulator().start();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const apps: Record<string, string> = configured
    ? {
        GATEHOUSE_FACEBOOK_APP_ID: APPS.facebook.clientId,
        GATEHOUSE_FACEBOOK_APP_SECRET: APPS.facebook.clientSecret,
        GATEHOUSE_LINKEDIN_CLIENT_ID: APPS.linkedin.clientId,
        GATEHOUSE_LINKEDIN_CLIENT_SECRET: APPS.linkedin.clientSecret,
        GATEHOUSE_GOOGLE_CLIENT_ID: APPS.google.clientId,
        GATEHOUSE_GOOGLE_CLIENT_SECRET: APPS.google.clientSecret,
      }
    : {};
  const t = await TestApp.start({
    GATEHOUSE_PUBLIC_URL: publicUrl,
    GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url,
    GATEHOUSE_FACEBOOK_LOGIN_URL: graph.url,
    GATEHOUSE_GRAPH_API_VERSION: 'v25.0',
    GATEHOUSE_LINKEDIN_API_URL: linkedin.url,
    GATEHOUSE_LINKEDIN_TOKEN_URL: `${linkedin.url}/oauth/v2/accessToken`,
    GATEHOUSE_LINKEDIN_AUTH_URL: `${linkedin.url}/oauth/v2/authorization`,
    GATEHOUSE_LINKEDIN_INTROSPECT_URL: `${linkedin.url}/oauth/v2/introspectToken`,
    GATEHOUSE_YOUTUBE_API_URL: youtube.url,
    GATEHOUSE_GOOGLE_TOKEN_URL: `${youtube.url}/token`,
    GATEHOUSE_GOOGLE_AUTH_URL: `${youtube.url}/o/oauth2/v2/auth`,
    GATEHOUSE_GOOGLE_TOKENINFO_URL: `${youtube.url}/tokeninfo`,
    GATEHOUSE_PLATFORM_TIMEOUT_MS: '5000',
    ...apps,
    ...env,
  });
  await t.app.listen(port, '127.0.0.1');
  const redirectUris = [`${publicUrl}/oauth/callback`];
  graph.login.register({ ...APPS.facebook, redirectUris });
  linkedin.login.register({ ...APPS.linkedin, redirectUris });
  youtube.login.register({ ...APPS.google, redirectUris });
  return {
    t,
    graph,
    linkedin,
    youtube,
    async stop() {
      await t.close();
      await Promise.all([graph.stop(), linkedin.stop(), youtube.stop()]);
    },
  };
}

/** One hop of a browser: the answer, without following its redirect. */
export async function visit(url: string): Promise<{ status: number; location: string | null; text: string; contentType: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text(), contentType: response.headers.get('content-type') };
}

export interface SignIn {
  started: Record<string, any>;
  /** Where the consent page sent the browser. */
  consent: { status: number; location: string | null };
  /** Gatehouse's answer to the callback. */
  callback: { status: number; location: string | null; text: string };
  /** The connection as the admin then reads it (after the web page loaded). */
  connection: Record<string, any>;
}

/**
 * What an admin's browser does: POST /connections, open the consent page, follow its 302 back to
 * /oauth/callback, follow that to the web app's /connections/{id}, whose script reads the connection.
 */
export async function signIn(w: World, body: Record<string, unknown>, token?: string): Promise<SignIn> {
  const admin = token ?? (await w.t.adminToken());
  const start = await w.t.http.post('/api/v1/connections').set(bearer(admin)).send(body);
  if (start.status !== 201) throw new Error(`start connection failed: ${start.status} ${JSON.stringify(start.body)}`);
  const consent = await visit(start.body.authorizationUrl);
  if (consent.status !== 302 || !consent.location) throw new Error(`consent page answered ${consent.status}: ${consent.text}`);
  const callback = await visit(consent.location);
  if (callback.status === 302) {
    const page = await visit(new URL(callback.location!, w.t.config.publicUrl).toString());
    if (page.status !== 200 || !page.contentType?.includes('text/html')) throw new Error(`connection page answered ${page.status}`);
  }
  const connection = await w.t.http.get(`/api/v1/connections/${start.body.id}`).set(bearer(admin));
  return { started: start.body, consent, callback, connection: connection.body };
}

/** An account created from a connection's candidate, made active with a DPIA, and an authorised author: ready to publish. */
export async function connectedStage(w: World, connectionId: string, fields: { platform: string; externalId: string; name?: string }): Promise<Stage> {
  const { t } = w;
  const c = await cast(t);
  const policy = await t.http.get('/api/v1/policies/current').set(bearer(c.manager.token));
  if (policy.status !== 200) await t.http.post('/api/v1/policies').set(bearer(c.manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });
  const created = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ ownerId: c.manager.id, connectionId, ...fields });
  if (created.status !== 201) throw new Error(`create account failed: ${created.status} ${JSON.stringify(created.body)}`);
  await approveDpia(t, created.body.id, c);
  const activated = await t.http.post(`/api/v1/accounts/${created.body.id}/activate`).set(bearer(c.manager.token));
  if (activated.status !== 200) throw new Error(`activate failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  const author = await t.newStaff(['staff']);
  await authorise(t, c, created.body.id, author);
  return { ...c, account: activated.body, author, reviewer: await t.newStaff(['manager']), reviewer2: await t.newStaff(['manager']) };
}

/** Everything Gatehouse shows or keeps outside the vault: a token found here has leaked. */
export async function everythingVisible(w: World, extra: unknown[] = []): Promise<string> {
  const admin = await w.t.adminToken();
  const audit = await w.t.http.get('/api/v1/audit/export?format=jsonl').set(bearer(admin));
  const accounts = await w.t.http.get('/api/v1/accounts?limit=200').set(bearer(admin));
  const rows = await w.t.dataSource.query('SELECT id, platform, status, "accountId", candidates, "failureCode", "failureMessage" FROM connections');
  return [audit.text, JSON.stringify(accounts.body), JSON.stringify(rows), ...extra.map((e) => JSON.stringify(e))].join('\n');
}

export const auditActions = async (w: World, subjectId: string): Promise<string[]> => {
  const response = await w.t.http.get(`/api/v1/audit?subjectId=${subjectId}&limit=200`).set(bearer(await w.t.adminToken()));
  return response.body.items.map((e: { action: string }) => e.action);
};
