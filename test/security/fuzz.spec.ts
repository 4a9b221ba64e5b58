import { createDraft, pngBytes, QUIET_PUBLISHING, stage, upload } from '../drafts/support';
import { bearer, TestApp } from '../support/test-app';
import { CaseGenerator, FuzzCase, OpenApiDocument, operations, Rng, Schema, UNKNOWN_ID } from './fuzz-cases';

/**
 * Every route in the OpenAPI document, as every role and unauthenticated, with malformed and
 * edge-case paths, queries and bodies: no answer may be a 5xx, and every refusal has its code.
 */
const SEED = 20261201;
const VALUES_PER_FIELD = 6;
const CASES_PER_REFUSED_ROLE = 2;
const CONCURRENCY = 4;
const ROLES = ['staff', 'manager', 'admin', 'dpo', 'safeguarding_lead', 'unauthenticated'] as const;
type RoleName = (typeof ROLES)[number];

interface Finding {
  role: RoleName;
  method: string;
  url: string;
  label: string;
  status: number;
  body: unknown;
}

// Routes that end sessions, sign in or lock people out go last, so the other routes are walked signed in.
const LAST = /logout|session|login|password|offboard|close|suspend|revoke/;

describe('fuzzing every route of the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  const credentials = new Map<RoleName, { email: string; password: string; token: string }>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start(QUIET_PUBLISHING);
    const s = await stage(t);
    const safeguarding = await t.newStaff(['safeguarding_lead']);
    const target = await t.newStaff(['staff']);
    const admin = { email: 'admin@example.test', password: 'correct horse battery staple', token: s.admin };
    credentials.set('staff', s.author).set('manager', s.manager).set('admin', admin).set('dpo', s.dpo).set('safeguarding_lead', safeguarding);
    const media = await upload(t, s.author.token, pngBytes(), 'photo.png');
    const draft = await createDraft(t, s.author.token, {
      accountId: s.account.id,
      text: 'Our garden party raised £400.',
      media: [{ mediaId: media.body.id, altText: 'The garden', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }],
    });
    const authorisations = await t.http.get(`/api/v1/accounts/${s.account.id}/authorisations`).set(bearer(s.manager.token));
    Object.assign(ids, {
      account: s.account.id,
      manager: s.manager.id,
      target: target.id,
      media: media.body.id,
      draft: draft.id,
      revision: draft.revision.id,
      authorisation: authorisations.body.items[0].id,
    });
    document = (await t.http.get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  const idFor = (path: string, name: string): string => {
    if (name === 'mediaId') return ids.media;
    if (name === 'staffId') return ids.target;
    const byPrefix: [string, string][] = [
      ['/api/v1/staff/', ids.target],
      ['/api/v1/accounts/', ids.account],
      ['/api/v1/drafts/', ids.draft],
      ['/api/v1/authorisations/', ids.authorisation],
    ];
    return byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1] ?? UNKNOWN_ID;
  };

  const valueFor = (name: string, schema: Schema): unknown => {
    const known: Record<string, unknown> = {
      accountId: ids.account,
      staffId: ids.target,
      staffIds: [ids.target],
      ownerId: ids.manager,
      lineManagerId: ids.manager,
      transferToId: ids.manager,
      connectedById: ids.manager,
      mediaId: ids.media,
      revisionId: ids.revision,
      email: 'fuzzed@example.test',
      password: 'a long enough password',
      newPassword: 'a long enough password',
      currentPassword: 'not the current password',
      version: 'fuzz-1',
    };
    if (name in known) return known[name];
    if (schema.type !== 'string' || schema.enum) return undefined;
    const inDays = (days: number) => new Date(t.now().getTime() + days * 86_400_000).toISOString();
    if (/CompletedAt$|^from$/.test(name)) return inDays(-1);
    if (name === 'reviewDueAt') return inDays(30);
    if (/(At|For|From)$|^to$/.test(name)) return inDays(1);
    return undefined;
  };

  async function send(role: RoleName, fuzz: FuzzCase) {
    let request = (t.http as any)[fuzz.method.toLowerCase()](fuzz.url);
    const token = credentials.get(role as Exclude<RoleName, 'unauthenticated'>)?.token;
    if (token) request = request.set(bearer(token));
    if (fuzz.json !== undefined) request = request.set('Content-Type', 'application/json').send(fuzz.json);
    if (fuzz.form) {
      for (const [key, value] of Object.entries(fuzz.form.fields)) request = request.field(key, value);
      if (fuzz.form.file) request = request.attach('file', fuzz.form.file.bytes, fuzz.form.file.name);
    }
    return request;
  }

  /** A session the fuzz ended (logout, password change) is started again, so later routes are still walked signed in. */
  async function signInAgain(role: RoleName) {
    const held = credentials.get(role as Exclude<RoleName, 'unauthenticated'>);
    if (!held) return;
    const response = await t.http.post('/api/v1/auth/login').send({ email: held.email, password: held.password });
    if (response.status === 200) held.token = response.body.token;
  }

  async function acknowledgeCurrentPolicy() {
    for (const held of credentials.values()) await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(held.token));
  }

  it('answers no request with a 5xx, for every route and role', async () => {
    const rng = new Rng(SEED);
    const generator = new CaseGenerator(document, rng, idFor, valueFor, VALUES_PER_FIELD);
    const all = operations(document).sort((a, b) => Number(LAST.test(a.path)) - Number(LAST.test(b.path)));
    expect(all.length).toBeGreaterThan(50);
    const findings: Finding[] = [];
    let sent = 0;
    // Operations some signed-in role got past the role check for: the fuzz reached validation and the rules.
    const reached: string[] = [];

    const check = async (role: RoleName, fuzz: FuzzCase) => {
      let response;
      try {
        response = await send(role, fuzz);
      } catch (error) {
        findings.push({ role, method: fuzz.method, url: fuzz.url.slice(0, 200), label: fuzz.label, status: 0, body: String(error) });
        return 0;
      }
      sent++;
      const refusedWithoutCode = response.status >= 400 && fuzz.url.startsWith('/api/') && typeof response.body?.code !== 'string';
      if (response.status >= 500 || refusedWithoutCode) {
        findings.push({ role, method: fuzz.method, url: fuzz.url.slice(0, 200), label: fuzz.label, status: response.status, body: response.body });
      }
      return response.status as number;
    };

    for (const operation of all) {
      const base = generator.base(operation);
      const admitted: RoleName[] = [];
      const refused: RoleName[] = [];
      for (const role of ROLES) {
        const status = await check(role, base);

        (status === 401 || status === 403 ? refused : admitted).push(role);
      }
      if (admitted.some((role) => role !== 'unauthenticated')) reached.push(`${operation.method} ${operation.path}`);
      const statuses = new Map<RoleName, number[]>();
      const work: [RoleName, FuzzCase][] = [];
      const cases = generator.cases(operation);
      for (const fuzz of cases) work.push([admitted.length > 0 ? rng.pick(admitted) : rng.pick(refused), fuzz]);
      for (const role of refused) for (const fuzz of rng.sample(cases, CASES_PER_REFUSED_ROLE)) work.push([role, fuzz]);
      await runPool(work, CONCURRENCY, async ([role, fuzz]) => {
        const status = await check(role, fuzz);
        statuses.set(role, [...(statuses.get(role) ?? []), status]);
      });
      for (const role of ROLES) if (role !== 'unauthenticated' && statuses.get(role)?.includes(401)) await signInAgain(role);
      // A policy the fuzz created would block every later route until acknowledged.
      if (operation.path.startsWith('/api/v1/policies')) await acknowledgeCurrentPolicy();
    }
    expect(sent).toBeGreaterThan(2000);
    expect(reached.length).toBeGreaterThan(all.length * 0.8);
    expect(findings).toEqual([]);
  }, 300_000);
});

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
