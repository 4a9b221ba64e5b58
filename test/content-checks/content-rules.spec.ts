import * as fs from 'fs';
import { PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { DataSource } from 'typeorm';
import { ContentRulesStore } from '../../src/content-checks/rules-store/content-rules-store';
import { cast, Cast, createAccount } from '../governance/fixtures';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { TEST_DB_KIND } from '../support/test-database';

// A name nobody else uses, so finding it anywhere means it leaked.
const NAME = 'Perpetua Quillfeather';
const NAME_PARTS = ['perpetua', 'quillfeather'];

describe('content rules managed in the app (API.md section 18)', () => {
  let t: TestApp;
  let other: TestApp;
  let c: Cast;
  let staff: TestStaff;
  let account: Record<string, any>;
  // Every response body and log line of the file, searched for the name at the end.
  const seen: string[] = [];

  /** Keeps every line the app logs (its pino destination), instead of printing it. */
  const captureLog = async (app: TestApp) => {
    const logger = (await app.app.resolve(PinoLogger)).logger as unknown as Record<symbol, { write: (chunk: string) => boolean }>;
    const stream = logger[symbols.streamSym];
    stream.write = (chunk: string) => {
      seen.push(chunk);
      return true;
    };
  };

  beforeAll(async () => {
    // The apps log at info: the log is one of the places a name must never reach.
    t = await TestApp.start({ GATEHOUSE_ORG_DOMAINS: 'riverside.example', GATEHOUSE_LOG_LEVEL: 'info' });
    await captureLog(t);
    // A second instance on the same database, as behind a load balancer.
    other = await TestApp.start({ GATEHOUSE_ORG_DOMAINS: 'somewhere-else.example', GATEHOUSE_LOG_LEVEL: 'info' }, t.database);
    await captureLog(other);
    c = await cast(t);
    account = await createAccount(t, c.manager.id);
    staff = await t.newStaff(['staff']);
    const granted = await t.http.post(`/api/v1/accounts/${account.id}/authorisations`).set(bearer(c.manager.token)).send({ staffId: staff.id, reason: 'Posts the news' });
    if (granted.status !== 201) throw new Error(`authorise failed: ${granted.status}`);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const record = <R extends { text: string; body: unknown }>(response: R): R => {
    seen.push(response.text ?? JSON.stringify(response.body));
    return response;
  };
  const rules = (token: string, app = t) => app.http.get('/api/v1/content-rules').set(bearer(token)).then(record);
  const put = (path: string, body: object, token = c.manager.token) => t.http.put(`/api/v1/content-rules/${path}`).set(bearer(token)).send(body).then(record);
  const names = (path: string, body: object, token = c.manager.token) => t.http.post(`/api/v1/content-rules/${path}`).set(bearer(token)).send(body).then(record);
  const findings = async (text: string, app: TestApp = t): Promise<{ rule: string; start?: number; end?: number }[]> => {
    const response = record(await app.http.post('/api/v1/content-checks').set(bearer(staff.token)).send({ accountId: account.id, text }));
    expect(response.status).toBe(200);
    return response.body.findings;
  };
  const rulesFound = async (text: string, app: TestApp = t) => (await findings(text, app)).map((finding) => finding.rule);
  /** Waits, by asking again, until the condition holds on an instance; fails after 5 seconds. */
  const within5s = async (condition: () => Promise<boolean>): Promise<number> => {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > 5_000) throw new Error('not in force within 5 seconds');
      await new Promise((resolve) => setImmediate(resolve));
    }
    return Date.now() - started;
  };
  const auditOf = async (action: string) => (await t.http.get(`/api/v1/audit?action=${action}`).set(bearer(await t.adminToken())).then(record)).body.items;

  it('a new installation is seeded from config/ and GATEHOUSE_ORG_DOMAINS, once', async () => {
    const response = await rules(c.manager.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      prohibitedTerms: expect.arrayContaining(['DNACPR', 'do not resuscitate']),
      // The first instance seeded the database; the second's different setting did not seed it again.
      orgDomains: ['riverside.example'],
      // The shipped file's two sample names.
      protectedNames: { count: 2, updatedAt: expect.any(String) },
      version: 1,
      updatedAt: expect.any(String),
      // A manager may change them (API.md section 19).
      allowedActions: ['edit'],
    });
    expect(await auditOf('content_rules.seeded')).toHaveLength(1);
    expect(await rulesFound('Tea with Ada Sample today')).toEqual(['PROTECTED_NAME']);
  });

  it('managers and admins read the rules; only managers change them; others are refused', async () => {
    expect((await rules(await t.adminToken())).status).toBe(200);
    for (const token of [staff.token, c.dpo.token]) expect((await rules(token)).status).toBe(403);
    const before = (await rules(c.manager.token)).body.version;
    for (const token of [await t.adminToken(), staff.token, c.dpo.token]) {
      expect((await put('prohibited-terms', { terms: ['x'] }, token)).status).toBe(403);
      expect((await put('org-domains', { domains: ['x.example'] }, token)).status).toBe(403);
      expect((await names('protected-names', { names: ['Some One'] }, token)).status).toBe(403);
      expect((await names('protected-names/remove', { names: ['Ada Sample'] }, token)).status).toBe(403);
    }
    expect((await t.http.get('/api/v1/content-rules')).status).toBe(401);
    expect((await rules(c.manager.token)).body.version).toBe(before);
  });

  it('prohibited terms: replaced as a whole, audited with what changed, in force at once', async () => {
    const before = (await rules(c.manager.token)).body;
    const response = await put('prohibited-terms', { terms: [...before.prohibitedTerms, '  Pressure   Sore ', 'pressure sore'] });
    expect(response.status).toBe(200);
    expect(response.body.prohibitedTerms).toEqual([...before.prohibitedTerms, 'Pressure Sore']);
    expect(response.body.version).toBe(before.version + 1);
    expect(await rulesFound('Her pressure-sore is healing')).toEqual(['PROHIBITED_TERM']);
    const [entry] = await auditOf('content_rules.prohibited_terms_changed');
    expect(entry).toMatchObject({ actorId: c.manager.id, details: { added: ['Pressure Sore'], removed: [], version: before.version + 1 } });
  });

  it('refuses blank terms and malformed domains, naming the field, and changes nothing', async () => {
    const before = (await rules(c.manager.token)).body;
    const blank = await put('prohibited-terms', { terms: ['fine', '   '] });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'terms.1' }] });
    const domain = await put('org-domains', { domains: ['riverside.example', 'https://evil.example/x'] });
    expect(domain.status).toBe(400);
    expect(domain.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'domains.1' }] });
    expect((await put('prohibited-terms', { terms: 'DNACPR' })).status).toBe(400);
    expect((await names('protected-names', { names: ['!!!'] })).body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'names.0' }] });
    expect((await rules(c.manager.token)).body).toEqual(before);
  });

  it('organisation domains: a link to a new domain stops warning', async () => {
    expect(await rulesFound('See https://news.riverside-care.example/fair')).toEqual(['LINK_DOMAIN']);
    const response = await put('org-domains', { domains: ['riverside.example', 'Riverside-Care.example.'] });
    expect(response.status).toBe(200);
    expect(response.body.orgDomains).toEqual(['riverside.example', 'riverside-care.example']);
    expect(await rulesFound('See https://news.riverside-care.example/fair')).toEqual([]);
    const [entry] = await auditOf('content_rules.org_domains_changed');
    expect(entry).toMatchObject({ actorId: c.manager.id, details: { added: ['riverside-care.example'], removed: [] } });
  });

  it('protected names: added and removed as hashes, counted, audited by number only', async () => {
    const added = await names('protected-names', { names: [NAME, 'ada sample'] });
    expect(added.status).toBe(200);
    // Ada Sample was already on the list (seeded): only one more.
    expect(added.body).toEqual({ count: 3 });
    const text = `Tea with #${NAME.replace(' ', '')} and ${NAME.toUpperCase()}`;
    const found = await findings(text);
    expect(found.map((finding) => [finding.rule, text.slice(finding.start, finding.end)])).toEqual([
      ['PROTECTED_NAME', 'PerpetuaQuillfeather'],
      ['PROTECTED_NAME', 'PERPETUA QUILLFEATHER'],
    ]);
    const view = (await rules(c.manager.token)).body;
    expect(view.protectedNames).toEqual({ count: 3, updatedAt: expect.any(String) });
    const [entry] = await auditOf('content_rules.protected_names_added');
    expect(entry.details).toEqual({ requested: 2, added: 1, count: 3, version: view.version });

    const removed = await names('protected-names/remove', { names: ['Quillfeather, Perpetua', 'Ada Sample'] });
    expect(removed.body).toEqual({ count: 1 });
    expect(await rulesFound(`Tea with ${NAME} and Ada Sample`)).toEqual([]);
    expect((await auditOf('content_rules.protected_names_removed'))[0].details).toMatchObject({ requested: 2, removed: 2, count: 1 });
    await names('protected-names', { names: [NAME] });
  });

  it('a change on one instance is in force on another on the same database within 5 seconds, without a restart', async () => {
    const term = 'Zebra Crossing Incident';
    expect(await rulesFound(`A ${term} today`, other)).toEqual([]);
    const terms = (await rules(c.manager.token)).body.prohibitedTerms;
    expect((await put('prohibited-terms', { terms: [...terms, term] })).status).toBe(200);
    const waited = await within5s(async () => (await rulesFound(`A ${term} today`, other)).includes('PROHIBITED_TERM'));
    expect(waited).toBeLessThan(5_000);

    const name = 'Ottoline Brackenridge';
    expect((await names('protected-names', { names: [name] })).status).toBe(200);
    await within5s(async () => (await rulesFound(`Hello ${name}`, other)).includes('PROTECTED_NAME'));
    expect((await rules(c.manager.token, other)).body).toEqual((await rules(c.manager.token)).body);
  });

  it('the rules stay in force on an instance that cannot read the database for a moment', async () => {
    const store = other.app.get(ContentRulesStore);
    const spy = jest.spyOn(other.dataSource, 'getRepository').mockImplementationOnce(() => {
      throw new Error('database away');
    });
    await expect(store.refresh()).rejects.toThrow('database away');
    spy.mockRestore();
    expect(await rulesFound(`Tea with ${NAME}`, other)).toEqual(['PROTECTED_NAME']);
  });

  it('the protected names appear in no response, no audit entry or export, no log line and nowhere in the database in clear', async () => {
    const admin = await t.adminToken();
    record(await t.http.get('/api/v1/audit?limit=200').set(bearer(admin)));
    const csv = record(await t.http.get('/api/v1/audit/export?format=csv').set(bearer(admin)));
    expect(csv.status).toBe(200);
    const json = record(await t.http.get('/api/v1/audit/export').set(bearer(admin)));
    expect(json.status).toBe(200);
    // The log capture works: the requests that carried the names were logged (without their bodies).
    expect(seen.join('\n')).toContain('/api/v1/content-rules/protected-names');
    const database = await everythingIn(t.dataSource);
    expect(database).toContain('content_rules.protected_names_added');
    for (const place of [seen.join('\n'), database]) {
      for (const part of NAME_PARTS) expect(place.toLowerCase()).not.toContain(part);
    }
    if (TEST_DB_KIND === 'sqlite') {
      const file = t.database.url.replace(/^sqlite:/, '');
      const bytes = [file, `${file}-wal`].filter((path) => fs.existsSync(path)).map((path) => fs.readFileSync(path).toString('latin1').toLowerCase());
      expect(bytes.join('').length).toBeGreaterThan(0);
      for (const part of NAME_PARTS) expect(bytes.join('')).not.toContain(part);
    }
  });
});

/** Every row of every table, as text. */
async function everythingIn(dataSource: DataSource): Promise<string> {
  const tables = dataSource.entityMetadatas.map((entity) => entity.tableName);
  const rows = await Promise.all(tables.map((table) => dataSource.query(`SELECT * FROM "${table}"`)));
  return JSON.stringify(rows);
}
