import { DraftStatus } from '../src/drafts/draft-lifecycle';
import { loadavg } from 'os';
import { cursorAfter, withDrafts } from './drafts-seed';
import { decodeCursor } from '../src/common/pagination';
import { BenchApp, BenchDatabase, describeLatency, measure, percentile } from './support';

const DRAFTS = 100_000;
const ACCOUNTS = 50;
const ITERATIONS = 150;
// Most drafts in a busy home are waiting or done; the filter has to skip the rest.
const STATUSES: DraftStatus[] = ['submitted', 'submitted', 'published', 'draft'];

/**
 * GET /drafts?status=submitted over 100,000 drafts: the first page and one 90% of the way down (keyset
 * cursor), p95 of each and their ratio. Target: p95 under 25 ms, deep within 2x of first.
 */
export async function run(): Promise<void> {
  await withDrafts(DRAFTS, ACCOUNTS, (i) => STATUSES[i % STATUSES.length], async (bench, kind, token) => {
    const submitted = DRAFTS / 2;
    const deepCursor = await cursorAfter(bench, 'submitted', 'createdAt', 'DESC', Math.floor(submitted * 0.9));
    const get = (query: string) => async () => {
      const response = await fetch(`${bench.baseUrl}/api/v1/drafts?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`drafts answered ${response.status}`);
      const body = (await response.json()) as { items: { status: string }[] };
      if (body.items.length !== 50 || body.items.some((item) => item.status !== 'submitted')) throw new Error('expected a full page of submitted drafts');
    };
    const first = await measure(ITERATIONS, get('status=submitted&limit=50'));
    const deep = await measure(ITERATIONS, get(`status=submitted&limit=50&cursor=${deepCursor}`));
    console.log(describeLatency(`${kind} GET /drafts?status=submitted first page`, first));
    console.log(describeLatency(`${kind} GET /drafts?status=submitted deep page (item ${Math.floor(submitted * 0.9)} of ${submitted})`, deep));
    console.log(`${kind} deep / first p95: ${(percentile(deep, 95) / percentile(first, 95)).toFixed(2)} (load average ${loadavg()[0].toFixed(2)})`);
    console.log(`${kind} deep page's query plan: ${await deepPagePlan(bench, kind, decodeCursor(deepCursor, 2)!)}`);
  });
}

/** How the database runs the deep page's keyset query (the shape keysetPage writes): one index range, nothing filtered out. */
async function deepPagePlan(bench: BenchApp, kind: BenchDatabase, cursor: (string | number)[]): Promise<string> {
  const where = `d."status" = 'submitted' AND (d."createdAt", d."id") < (${kind === 'postgres' ? '$1, $2' : '?, ?'})`;
  const sql = `SELECT d."id" FROM "drafts" d WHERE ${where} ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 51`;
  if (kind === 'sqlite') {
    const rows: { detail: string }[] = await bench.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, cursor);
    return rows.map((row) => row.detail).join('; ');
  }
  const [{ 'QUERY PLAN': [plan] }] = await bench.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, cursor);
  const nodes: string[] = [];
  const walk = (node: Record<string, any>) => {
    nodes.push(`${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}${node['Rows Removed by Filter'] ? `, ${node['Rows Removed by Filter']} rows filtered out` : ''}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return `${nodes.join(' > ')}; executed in ${plan['Execution Time'].toFixed(2)} ms`;
}
