import { PasswordResetService } from '../../src/auth/password-reset/password-reset.service';
import { startWorld } from '../connections/support';
import { QUIET_PUBLISHING, stage, Stage } from '../drafts/support';
import { bearer } from '../support/test-app';
import { TestSmtpServer } from '../tasks/smtp';
import { Prepared, Scenario, SCENARIOS, SCIM_GROUP_ROLES, SCIM_SCENARIOS, SCIM_TOKEN, Walk } from './one-audit-entry-scenarios';

/**
 * RULE (DESIGN.md, one write path): a state-changing request writes exactly ONE audit entry of its own;
 * whatever else it writes (cascades) names that entry as `causedBy`. Every mutating route of the OpenAPI
 * document, and the SCIM routes outside it, is sent one valid request here and its own entries counted.
 */
jest.setTimeout(120_000);

const MUTATING = ['post', 'put', 'patch', 'delete'];
type Entry = { id: number; action: string; details: string };

describe('one audit entry of its own per state-changing request', () => {
  let walk: Walk;
  let smtp: TestSmtpServer;
  let documented: string[];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const w = await startWorld({
      ...QUIET_PUBLISHING,
      GATEHOUSE_SCIM_TOKEN: SCIM_TOKEN,
      GATEHOUSE_SCIM_GROUP_ROLES: SCIM_GROUP_ROLES,
      // Mail is queued (the reset link is read from the outbox) but never sent: no dispatcher runs.
      GATEHOUSE_SMTP_URL: smtp.url,
      GATEHOUSE_MAIL_POLL_MS: '0',
    });
    w.graph.addUser('walk-user', [{ id: '303000000000001', name: 'Walk House Care', tasks: ['CREATE_CONTENT'], ticked: true }]);
    w.graph.login.signedIn = 'walk-user';
    let shared: Promise<Stage> | null = null;
    walk = { w, t: w.t, shared: () => (shared ??= stage(w.t)) };
    const document = (await w.t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => MUTATING.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await walk?.w.stop();
    await smtp?.close();
  });

  it('has a scenario for every mutating route of the OpenAPI document, and none for a route it does not have', () => {
    const missing = documented.filter((route) => !(route in SCENARIOS));
    const stale = Object.keys(SCENARIOS).filter((route) => !documented.includes(route));
    // A new route adds its scenario to one-audit-entry-scenarios.ts: how it succeeds, from nothing.
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  const head = async (): Promise<number> => {
    const [row] = await walk.t.dataSource.query('SELECT MAX(id) AS id FROM audit_entries');
    return Number(row?.id ?? 0);
  };

  /** Waits for work the request left running (a reset mail being queued) and for the audit trail to stop growing. */
  async function settle(): Promise<void> {
    await walk.t.app.get(PasswordResetService).settled();
    let last = await head();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await head();
      if (now === last) return;
      last = now;
    }
  }

  function send(route: string, prepared: Prepared) {
    const method = route.split(' ')[0].toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    let request = walk.t.http[method](prepared.path);
    if (prepared.token) request = request.set(bearer(prepared.token));
    if (prepared.headers) request = request.set(prepared.headers);
    if (prepared.file) return request.attach('file', prepared.file.bytes, prepared.file.name);
    if (prepared.body === undefined) return request;
    // SCIM bodies are application/scim+json, which supertest would not serialise itself.
    return prepared.headers?.['Content-Type'] ? request.send(JSON.stringify(prepared.body)) : request.send(prepared.body as object);
  }

  async function walkRoute(route: string, scenario: Scenario): Promise<void> {
    const prepared = await scenario(walk);
    await settle();
    const before = await head();
    const response = await send(route, prepared);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`${route}: the scenario's request answered ${response.status} ${JSON.stringify(response.body)}; it must succeed`);
    }
    await settle();
    const written: Entry[] = await walk.t.dataSource.query(`SELECT id, action, details FROM audit_entries WHERE id > ${before} ORDER BY id`);
    const own = written.filter((entry) => !('causedBy' in JSON.parse(entry.details))).map((entry) => entry.action);
    const wanted = prepared.changesNothing ? 0 : 1;
    // The route and what it wrote are in the message: the failure says what to fix.
    if (own.length !== wanted) {
      const all = written.map((entry) => entry.action);
      throw new Error(`${route} wrote ${own.length} audit entries of its own (without causedBy), not ${wanted}: [${own.join(', ')}]; everything it wrote: [${all.join(', ')}]`);
    }
  }

  describe('routes of the OpenAPI document', () => {
    it.each(Object.keys(SCENARIOS))('%s', (route) => walkRoute(route, SCENARIOS[route]));
  });

  // Last: a group push sets who holds its role exactly, so it takes the manager role from the shared stage.
  describe('SCIM routes (outside the document)', () => {
    it.each(Object.keys(SCIM_SCENARIOS))('%s', (route) => walkRoute(route, SCIM_SCENARIOS[route]));
  });
});
