import { randomUUID } from 'crypto';
import { Account } from '../src/accounts/account.entity';
import { newAccountRow } from '../src/accounts/new-account';
import { DraftRevision } from '../src/drafts/draft-revision.entity';
import { DraftStatus } from '../src/drafts/draft-lifecycle';
import { encodeCursor } from '../src/common/pagination';
import { Draft } from '../src/drafts/draft.entity';
import { BENCH_ADMIN, BenchApp, BenchDatabase, benchLogin, selectedDatabases, startBenchApp } from './support';

const BATCH = 500;

/** A manager signed in: managers see every draft and the approval queue. */
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
async function loadDrafts(bench: BenchApp, count: number, accountCount: number, statusOf: (i: number) => DraftStatus): Promise<string[]> {
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const ownerId = randomUUID();
  // Active straight away: the bench measures the draft lists, not the activation rules.
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    ...newAccountRow({ id: randomUUID(), platform: 'facebook', name: `Bench account ${i}`, externalId: `bench-${i}`, mode: 'sandbox', ownerId, requiredApprovals: 1 }, iso(base)),
    status: 'active' as const,
  }));
  await bench.dataSource.getRepository(Account).insert(accounts);
  await bench.dataSource.transaction(async (manager) => {
    for (let start = 0; start < count; start += BATCH) {
      const drafts: Partial<Draft>[] = [];
      const revisions: Partial<DraftRevision>[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = randomUUID();
        const revisionId = randomUUID();
        const authorId = randomUUID();
        // Several drafts share a second, as they would in a busy queue; the id breaks the tie.
        const at = iso(base + Math.floor(i / 3) * 1000);
        drafts.push({
          id,
          accountId: accounts[i % accountCount].id,
          authorId,
          ownerId: authorId,
          status: statusOf(i),
          currentRevisionId: revisionId,
          findings: [],
          scheduledFor: null,
          submittedAt: statusOf(i) === 'draft' ? null : at,
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

/** The cursor a client would hold after reading `position` drafts of a status, in a list ordered by `column`, id. */
export async function cursorAfter(bench: BenchApp, status: DraftStatus, column: 'createdAt' | 'submittedAt', direction: 'ASC' | 'DESC', position: number): Promise<string> {
  const draft = await bench.dataSource
    .getRepository(Draft)
    .createQueryBuilder('d')
    .where('d.status = :status', { status })
    .orderBy(`d.${column}`, direction)
    .addOrderBy('d.id', direction)
    .offset(position)
    .take(1)
    .getOneOrFail();
  return encodeCursor([draft[column]!, draft.id]);
}

/** For each selected database: a fresh app, `count` drafts over `accounts` accounts, and a manager's token for `work`. */
export async function withDrafts(
  count: number,
  accounts: number,
  statusOf: (i: number) => DraftStatus,
  work: (bench: BenchApp, kind: BenchDatabase, token: string, accountIds: string[]) => Promise<void>,
): Promise<void> {
  for (const kind of selectedDatabases()) {
    const bench = await startBenchApp(kind, { GATEHOUSE_ROLE: 'api', GATEHOUSE_OUTBOX_POLL_MS: '60000' });
    try {
      const token = await managerToken(bench);
      const started = Date.now();
      const accountIds = await loadDrafts(bench, count, accounts, statusOf);
      console.log(`${kind}: loaded ${count} drafts over ${accounts} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await work(bench, kind, token, accountIds);
    } finally {
      await bench.close();
    }
  }
}
