import { cursorAfter, withDrafts } from './drafts-seed';
import { describeLatency, measure } from './support';

const DRAFTS = 100_000;
const ACCOUNTS = 50;
const ITERATIONS = 200;

/**
 * The approval queue over 100,000 submitted drafts on 50 accounts: the first page, a page deep in
 * the queue (keyset cursor, so it should cost the same), and one account's first page.
 */
export async function run(): Promise<void> {
  await withDrafts(DRAFTS, ACCOUNTS, () => 'submitted', async (bench, kind, token, accountIds) => {
    const deepCursor = await cursorAfter(bench, 'submitted', 'submittedAt', 'ASC', Math.floor(DRAFTS * 0.9));
    const get = (query: string) => async () => {
      const response = await fetch(`${bench.baseUrl}/api/v1/approvals?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`approvals answered ${response.status}`);
      const body = (await response.json()) as { items: unknown[] };
      if (body.items.length !== 50) throw new Error(`expected a full page, got ${body.items.length}`);
    };
    console.log(describeLatency(`${kind} first page (limit 50)`, await measure(ITERATIONS, get('limit=50'))));
    console.log(describeLatency(`${kind} deep cursor (item ${Math.floor(DRAFTS * 0.9)})`, await measure(ITERATIONS, get(`limit=50&cursor=${deepCursor}`))));
    console.log(describeLatency(`${kind} one account's first page`, await measure(ITERATIONS, get(`limit=50&accountId=${accountIds[7]}`))));
  });
}
