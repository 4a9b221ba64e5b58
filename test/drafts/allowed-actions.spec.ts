import { bearer, TestApp, TestStaff } from '../support/test-app';
import { on } from '../emulators/emulator-server';
import { GraphEmulator, graphError } from '../emulators/graph-emulator';
import { activeAccount } from '../governance/fixtures';
import { graphAppEnv, liveStage, settled } from '../publishing/support';
import { DRAFT_ACTIONS, DraftRuleAction } from '../../src/drafts/draft-rules';
import { approve, authorise, createDraft, Stage } from './support';

// Every status is reached through the API and the publishing worker, and every action is tried for real.
jest.setTimeout(600_000);

const TOKEN = 'EAAGpage-token-for-allowed-actions';
const created = on('POST', '/feed');

type Status = 'draft' | 'submitted' | 'changes_requested' | 'rejected' | 'withdrawn' | 'scheduled' | 'held' | 'failed' | 'unconfirmed' | 'published' | 'taken_down';
type Owner = 'staff' | 'manager';
type Draft = Record<string, any>;

/**
 * API.md section 19: `allowedActions` lists exactly what the caller may do now. For drafts in each
 * reachable status and each kind of caller, every listed action is accepted (on a fresh copy, since
 * accepting changes the draft) and every other action is refused with a 4xx, leaving the draft as it was.
 */
describe('allowedActions on drafts are what the API accepts', () => {
  let t: TestApp;
  let graph: GraphEmulator;
  let s: Stage;
  let heldAccountId: string;
  let colleague: TestStaff;
  let managerOwner: TestStaff;
  let n = 0;

  beforeAll(async () => {
    graph = await new GraphEmulator().start();
    t = await TestApp.start({
      ...graphAppEnv(graph),
      // Hundreds of requests per caller: a 429 must never pass for a refusal.
      GATEHOUSE_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const page = `2097152${Math.floor(Math.random() * 1e8)}`;
    s = await liveStage(t, { platform: 'facebook', externalId: page }, { accessToken: TOKEN });
    graph.addPage(page, TOKEN);
    colleague = await t.newStaff(['staff']);
    managerOwner = await t.newStaff(['manager']);
    await authorise(t, s, s.account.id, colleague);
    await authorise(t, s, s.account.id, managerOwner);
    // Held drafts come from suspending an account while they wait: their own account, so the others keep publishing.
    heldAccountId = (await activeAccount(t, s, { mode: 'sandbox', name: 'Held House' })).id;
    for (const person of [s.author, colleague, managerOwner]) {
      const granted = await t.http.post(`/api/v1/accounts/${heldAccountId}/authorisations`).set(bearer(s.manager.token)).send({ staffId: person.id, reason: 'Posts the news' });
      expect(granted.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  const ownerOf = (owner: Owner): TestStaff => (owner === 'staff' ? s.author : managerOwner);
  const text = () => `Allowed actions, post ${++n} (${Math.random().toString(16).slice(2, 8)})`;
  const ok = (response: { status: number; body: any }, what: string) => {
    if (response.status < 200 || response.status > 299) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const get = async (id: string, token = s.reviewer.token): Promise<Draft> => ok(await t.http.get(`/api/v1/drafts/${id}`).set(bearer(token)), 'get');
  const post = (path: string, token: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1/drafts/${path}`).set(bearer(token)).send(body);

  async function submittedBy(owner: Owner, accountId = s.account.id): Promise<Draft> {
    const draft = await createDraft(t, ownerOf(owner).token, { accountId, text: text() });
    return ok(await post(`${draft.id}/submit`, ownerOf(owner).token), 'submit');
  }

  async function approvedAndSettled(owner: Owner, status: Status): Promise<Draft> {
    const draft = await submittedBy(owner);
    ok(await approve(t, s.reviewer.token, draft), 'approve');
    return settled(t, s.reviewer.token, draft.id, status, 30_000);
  }

  /** Several held drafts in one suspension of their account; the account is active again afterwards. */
  async function heldBatch(owners: Owner[]): Promise<Draft[]> {
    const drafts = [];
    for (const owner of owners) drafts.push(await submittedBy(owner, heldAccountId));
    const when = new Date(t.now().getTime() + 4_000 + owners.length * 1_000).toISOString();
    for (const draft of drafts) expect(ok(await approve(t, s.reviewer.token, draft, { scheduledFor: when }), 'approve').status).toBe('scheduled');
    if (t.now().toISOString() >= when) throw new Error('approving took longer than the schedule allowed');
    ok(await t.http.post(`/api/v1/accounts/${heldAccountId}/suspend`).set(bearer(s.manager.token)).send({ reason: 'Page hacked' }), 'suspend');
    const held = [];
    for (const draft of drafts) held.push(await settled(t, s.reviewer.token, draft.id, 'held', 30_000));
    ok(await t.http.post(`/api/v1/accounts/${heldAccountId}/activate`).set(bearer(s.manager.token)), 'activate');
    return Promise.all(held.map((draft) => get(draft.id)));
  }

  const heldPool: Record<Owner, Draft[]> = { staff: [], manager: [] };

  /** A new draft of `owner`'s in `status`, reached the way people reach it. */
  async function make(status: Status, owner: Owner): Promise<Draft> {
    const by = ownerOf(owner);
    switch (status) {
      case 'draft':
        return createDraft(t, by.token, { accountId: s.account.id, text: text() });
      case 'submitted':
        return submittedBy(owner);
      case 'changes_requested':
        return ok(await post(`${(await submittedBy(owner)).id}/request-changes`, s.reviewer.token, { comment: 'Add the date' }), 'request changes');
      case 'rejected':
        return ok(await post(`${(await submittedBy(owner)).id}/reject`, s.reviewer.token, { reason: 'Not for us' }), 'reject');
      case 'withdrawn': {
        const draft = await createDraft(t, by.token, { accountId: s.account.id, text: text() });
        return ok(await post(`${draft.id}/withdraw`, by.token), 'withdraw');
      }
      case 'scheduled': {
        const draft = await submittedBy(owner);
        return ok(await approve(t, s.reviewer.token, draft, { scheduledFor: new Date(t.now().getTime() + 7 * 86_400_000).toISOString() }), 'approve');
      }
      case 'held':
        if (heldPool[owner].length === 0) {
          const batch = await heldBatch(['staff', 'staff', 'staff', 'staff', 'staff', 'manager', 'manager', 'manager']);
          for (const draft of batch) heldPool[draft.ownerId === s.author.id ? 'staff' : 'manager'].push(draft);
        }
        return heldPool[owner].pop()!;
      case 'failed':
        graph.failNext(graphError(403, 200, "(#200) The user hasn't authorized the application to perform this action"), created);
        return approvedAndSettled(owner, 'failed');
      case 'unconfirmed':
        graph.serverErrorNext(created);
        return approvedAndSettled(owner, 'unconfirmed');
      case 'published':
        return approvedAndSettled(owner, 'published');
      case 'taken_down': {
        const published = await approvedAndSettled(owner, 'published');
        return ok(await post(`${published.id}/take-down`, s.reviewer.token, { reason: 'Posted by mistake' }), 'take down');
      }
    }
  }

  function attempt(action: DraftRuleAction, draft: Draft, token: string) {
    switch (action) {
      case 'edit':
        return t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(token)).send({ text: text() });
      case 'approve':
        return post(`${draft.id}/approve`, token, { revisionId: draft.revision.id });
      case 'request_changes':
        return post(`${draft.id}/request-changes`, token, { comment: 'Shorter, please' });
      case 'reject':
        return post(`${draft.id}/reject`, token, { reason: 'Not for this page' });
      case 'reconcile':
        return post(`${draft.id}/reconcile`, token, { outcome: 'not_published' });
      case 'take_down':
        return post(`${draft.id}/take-down`, token, { reason: 'Posted by mistake' });
      case 'request_removal':
        return post(`${draft.id}/removal-requests`, token, { reason: 'Please take this down' });
      default:
        return post(`${draft.id}/${action}`, token);
    }
  }

  const callers = (): { name: string; token: string; owner: Owner }[] => [
    { name: 'the owner (staff)', token: s.author.token, owner: 'staff' },
    { name: 'another authorised staff member', token: colleague.token, owner: 'staff' },
    { name: 'a manager', token: s.reviewer.token, owner: 'staff' },
    { name: 'an admin', token: s.admin, owner: 'staff' },
    { name: 'the DPO', token: s.dpo.token, owner: 'staff' },
    { name: 'a manager who owns the draft', token: managerOwner.token, owner: 'manager' },
  ];

  const STATUSES: Status[] = ['draft', 'submitted', 'changes_requested', 'scheduled', 'held', 'failed', 'unconfirmed', 'published', 'rejected', 'withdrawn', 'taken_down'];

  // A few rows of the matrix spelled out, so a rule that offers nothing anywhere cannot pass unnoticed.
  const SPOT_CHECKS: Partial<Record<Status, Record<string, string[]>>> = {
    draft: { 'the owner (staff)': ['edit', 'submit', 'withdraw'], 'a manager': ['withdraw'], 'another authorised staff member': [] },
    submitted: { 'a manager': ['withdraw', 'approve', 'request_changes', 'reject'], 'a manager who owns the draft': ['edit', 'withdraw', 'request_changes', 'reject'] },
    held: { 'a manager': ['withdraw', 'confirm'], 'a manager who owns the draft': ['edit', 'withdraw'] },
    failed: { 'a manager': ['withdraw', 'retry'], 'the owner (staff)': ['withdraw'] },
    unconfirmed: { 'a manager': ['reconcile'], 'the owner (staff)': [] },
    published: { 'a manager': ['take_down', 'request_removal'], 'the owner (staff)': [] },
  };

  it.each(STATUSES)('for a draft that is %s', async (status) => {
    const bases: Record<Owner, Draft> = { staff: await make(status, 'staff'), manager: await make(status, 'manager') };
    const offered: Record<string, string[]> = {};
    for (const caller of callers()) {
      const base = bases[caller.owner];
      expect((await get(base.id)).status).toBe(status);
      const seen = await t.http.get(`/api/v1/drafts/${base.id}`).set(bearer(caller.token));
      expect([200, 404]).toContain(seen.status);
      const allowed: string[] = seen.status === 200 ? seen.body.allowedActions : [];
      expect(allowed.every((action) => (DRAFT_ACTIONS as readonly string[]).includes(action))).toBe(true);
      offered[caller.name] = allowed;
      for (const action of DRAFT_ACTIONS) {
        if (allowed.includes(action)) {
          const copy = await make(status, caller.owner);
          const response = await attempt(action, copy, caller.token);
          if (response.status < 200 || response.status > 299) {
            throw new Error(`${caller.name} was offered ${action} on a ${status} draft, but it was refused: ${response.status} ${JSON.stringify(response.body)}`);
          }
          // Nothing is left publishing behind the next fixture (a platform fault is armed for one call at a time).
          if (response.body.status === 'publishing') await settled(t, s.reviewer.token, copy.id, undefined, 30_000);
        } else {
          const response = await attempt(action, base, caller.token);
          if (response.status < 400 || response.status > 499 || response.status === 429) {
            throw new Error(`${caller.name} was not offered ${action} on a ${status} draft, but got ${response.status} ${JSON.stringify(response.body)}`);
          }
        }
      }
      expect((await get(base.id)).status).toBe(status);
    }
    // The matrix must offer something somewhere, or it proves nothing about acceptance.
    if (!['rejected', 'withdrawn', 'taken_down'].includes(status)) expect(Object.values(offered).some((actions) => actions.length > 0)).toBe(true);
    expect(offered['the DPO']).toEqual([]);
    expect(offered['an admin']).toEqual([]);
    for (const [caller, actions] of Object.entries(SPOT_CHECKS[status] ?? {})) expect(offered[caller]).toEqual(actions);
  });
});
