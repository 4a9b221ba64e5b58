import { randomUUID } from 'crypto';
import { Account } from '../src/accounts/account.entity';
import { encodeCursor } from '../src/common/pagination';
import { DraftRevision } from '../src/drafts/draft-revision.entity';
import { Draft } from '../src/drafts/draft.entity';
import { BENCH_ADMIN, BenchApp, benchLogin, describeLatency, measure, selectedDatabases, startBenchApp } from './support';

const DRAFTS = 100_000;
const ACCOUNTS = 50;
const BATCH = 500;
const ITERATIONS = 200;

/**
 * The approval queue over 100,000 submitted drafts on 50 accounts: the first page, a page deep in
 * the queue (keyset cursor, so it should cost the same), and one account's first page.
 */
export async function run(): Promise<void> {
  for (const kind of selectedDatabases()) {
    const bench = await startBenchApp(kind, { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000' });
    try {
      const token = await managerToken(bench);
      const started = Date.now();
      const accountIds = await load(bench, token);
      console.log(`${kind}: loaded ${DRAFTS} submitted drafts over ${ACCOUNTS} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const deep = await bench.dataSource
        .getRepository(Draft)
        .createQueryBuilder('d')
        .where('d.status = :status', { status: 'submitted' })
        .orderBy('d.submittedAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .offset(Math.floor(DRAFTS * 0.9))
        .take(1)
        .getOneOrFail();
      const deepCursor = encodeCursor([deep.submittedAt!, deep.id]);
      const get = (query: string) => async () => {
        const response = await fetch(`${bench.baseUrl}/api/v1/approvals?${query}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`approvals answered ${response.status}`);
        const body = (await response.json()) as { items: unknown[] };
        if (body.items.length !== 50) throw new Error(`expected a full page, got ${body.items.length}`);
      };
      console.log(describeLatency(`${kind} first page (limit 50)`, await measure(ITERATIONS, get('limit=50'))));
      console.log(describeLatency(`${kind} deep cursor (item ${Math.floor(DRAFTS * 0.9)})`, await measure(ITERATIONS, get(`limit=50&cursor=${deepCursor}`))));
      console.log(describeLatency(`${kind} one account's first page`, await measure(ITERATIONS, get(`limit=50&accountId=${accountIds[7]}`))));
    } finally {
      await bench.close();
    }
  }
}

async function managerToken(bench: BenchApp): Promise<string> {
  const admin = await benchLogin(bench.baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const email = `bench-manager-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'bench manager password';
  const created = await fetch(`${bench.baseUrl}/api/v1/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, roles: ['manager'], displayName: 'Bench Manager' }),
  });
  if (created.status !== 201) throw new Error(`create manager failed: ${created.status}`);
  return benchLogin(bench.baseUrl, email, password);
}

/** Rows straight into the tables (the API would take hours for this many); shapes as the services write them. */
async function load(bench: BenchApp, token: string): Promise<string[]> {
  void token;
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const ownerId = randomUUID();
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: randomUUID(),
    platform: 'facebook' as const,
    name: `Bench account ${i}`,
    externalId: `bench-${i}`,
    mode: 'sandbox' as const,
    status: 'active' as const,
    ownerId,
    requiredApprovals: 1 as const,
    credentialsCiphertext: null,
    credentialsIv: null,
    credentialsAuthTag: null,
    credentialsExpireAt: null,
    connectedById: null,
    credentialRotationRequired: false,
    credentialsInvalid: false,
    statusReason: null,
    closedAt: null,
    createdAt: iso(base),
    updatedAt: iso(base),
  }));
  await bench.dataSource.getRepository(Account).insert(accounts);
  await bench.dataSource.transaction(async (manager) => {
    for (let start = 0; start < DRAFTS; start += BATCH) {
      const drafts: Partial<Draft>[] = [];
      const revisions: Partial<DraftRevision>[] = [];
      for (let i = start; i < Math.min(DRAFTS, start + BATCH); i++) {
        const id = randomUUID();
        const revisionId = randomUUID();
        const authorId = randomUUID();
        // Several drafts share a second, as they would in a busy queue; the id breaks the tie.
        const at = iso(base + Math.floor(i / 3) * 1000);
        drafts.push({
          id,
          accountId: accounts[i % ACCOUNTS].id,
          authorId,
          ownerId: authorId,
          status: 'submitted',
          currentRevisionId: revisionId,
          findings: [],
          scheduledFor: null,
          submittedAt: at,
          publication: null,
          failure: null,
          lastEventSeq: 2,
          createdAt: at,
          updatedAt: at,
        });
        revisions.push({ id: revisionId, draftId: id, number: 1, text: `Bench post ${i}: news from the home.`, title: null, link: null, media: [], contentHash: 'b'.repeat(64), createdAt: at, createdById: authorId });
      }
      await manager.getRepository(Draft).insert(drafts);
      await manager.getRepository(DraftRevision).insert(revisions);
    }
  });
  return accounts.map((account) => account.id);
}
