import { bearer, TestApp } from '../support/test-app';
import { PublishAttempt } from '../../src/publishing/publish-attempt.entity';
import { approve, authorise, Stage, submitted } from '../drafts/support';
import { approveDpia, cast, createAccount } from '../governance/fixtures';
import type { GraphEmulator } from '../emulators/graph-emulator';

/** The app publishing to the Graph emulator, with a short platform timeout and quick retries so failures settle fast. */
export const graphAppEnv = (graph: GraphEmulator): Record<string, string> => ({
  GATEHOUSE_FACEBOOK_GRAPH_URL: graph.url,
  GATEHOUSE_GRAPH_API_VERSION: 'v25.0',
  GATEHOUSE_PLATFORM_TIMEOUT_MS: '1500',
  GATEHOUSE_RETRY_BASE_MS: '20',
});

/** Polls `probe` until `done` holds for its value; fails with the last value seen. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`waitFor timed out; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    last = await probe();
  }
  return last;
}

export async function getDraft(t: TestApp, token: string, id: string): Promise<Record<string, any>> {
  const response = await t.http.get(`/api/v1/drafts/${id}`).set(bearer(token));
  if (response.status !== 200) throw new Error(`get draft failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until the draft leaves the in-between states (or reaches `status` when given). */
export function settled(t: TestApp, token: string, id: string, status?: string, timeoutMs = 15_000): Promise<Record<string, any>> {
  return waitFor(
    () => getDraft(t, token, id),
    (draft) => (status ? draft.status === status : !['publishing', 'scheduled', 'approved'].includes(draft.status)),
    timeoutMs,
    // Ten a second stays well inside the per-session request limit however long the wait.
    100,
  );
}

/** An active live account with credentials stored (through the API) and an authorised author. */
export async function liveStage(t: TestApp, fields: Record<string, unknown>, credentials: Record<string, unknown>): Promise<Stage> {
  const c = await cast(t);
  const policy = await t.http.get('/api/v1/policies/current').set(bearer(c.manager.token));
  if (policy.status !== 200) {
    await t.http.post('/api/v1/policies').set(bearer(c.manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });
  }
  const created = await createAccount(t, c.manager.id, { mode: 'live', ...fields });
  await approveDpia(t, created.id, c);
  const put = await t.http.put(`/api/v1/accounts/${created.id}/credentials`).set(bearer(c.admin)).send(credentials);
  if (put.status !== 204) throw new Error(`credentials failed: ${put.status} ${JSON.stringify(put.body)}`);
  const activated = await t.http.post(`/api/v1/accounts/${created.id}/activate`).set(bearer(c.manager.token));
  if (activated.status !== 200) throw new Error(`activate failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  const author = await t.newStaff(['staff']);
  await authorise(t, c, created.id, author);
  return { ...c, account: activated.body, author, reviewer: await t.newStaff(['manager']), reviewer2: await t.newStaff(['manager']) };
}

let n = 0;
/** Submits a draft with a unique text and approves it; returns the approved view. */
export async function approved(t: TestApp, s: Stage, body: Record<string, unknown> = {}, approval: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const draft = await submitted(t, s, { text: `Summer fair at Elm House, stall ${++n} (${Math.random().toString(16).slice(2, 8)})`, ...body });
  const response = await approve(t, s.reviewer.token, draft, approval);
  if (response.status !== 200) throw new Error(`approve failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const attempts = (t: TestApp, draftId: string): Promise<PublishAttempt[]> => t.dataSource.getRepository(PublishAttempt).findBy({ draftId });
