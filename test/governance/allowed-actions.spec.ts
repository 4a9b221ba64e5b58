import { randomUUID } from 'crypto';
import { ACCOUNT_ACTIONS } from '../../src/accounts/account-rules';
import { CONNECTION_ACTIONS } from '../../src/connections/connection-rules';
import { DPIA_ACTIONS } from '../../src/dpia/dpia-rules';
import { signIn, startWorld, World } from '../connections/support';
import { authorise } from '../drafts/support';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { approveDpia, Cast, cast, completeDpia } from './fixtures';

/**
 * API.md section 19: for each resource in each state it can reach, and for each kind of caller, every
 * action in `allowedActions` is accepted (tried on a fresh resource in that state) and every other one
 * is refused with a 4xx (tried on the one read, which a refusal leaves as it was).
 */
jest.setTimeout(600_000);

type Who = 'admin' | 'manager' | 'dpo' | 'authorised staff' | 'unauthorised staff';
const WHO: Who[] = ['admin', 'manager', 'dpo', 'authorised staff', 'unauthorised staff'];

describe('allowedActions are exactly what the server accepts', () => {
  let w: World;
  let t: TestApp;
  let c: Cast;
  let author: TestStaff;
  let outsider: TestStaff;
  let roster: TestStaff;
  let grantee: TestStaff;

  beforeAll(async () => {
    w = await startWorld();
    t = w.t;
    c = await cast(t);
    w.graph.addUser('fb-user-1', [{ id: '101000000000001', name: 'Elm House Care', tasks: ['MANAGE', 'CREATE_CONTENT'], ticked: true }]);
    w.graph.login.signedIn = 'fb-user-1';
    await t.http.post('/api/v1/policies').set(bearer(c.manager.token)).send({ version: '2026.1', title: 'Social media policy', text: 'Only authorised staff post.' });
    [author, outsider, roster, grantee] = [await t.newStaff(['staff']), await t.newStaff(['staff']), await t.newStaff(['staff']), await t.newStaff(['staff'])];
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(grantee.token));
  });
  afterAll(() => w.stop());

  const token = (who: Who): string =>
    ({ admin: c.admin, manager: c.manager.token, dpo: c.dpo.token, 'authorised staff': author.token, 'unauthorised staff': outsider.token })[who];
  const ok = (status: number) => status >= 200 && status < 300;
  const refused = (status: number) => status >= 400 && status < 500;

  /** Reads `allowedActions` as `who`; a resource they may not see or read offers nothing. */
  async function offered(who: Who, path: string): Promise<string[]> {
    const response = await t.http.get(path).set(bearer(token(who)));
    if (response.status !== 200) {
      expect(refused(response.status)).toBe(true);
      return [];
    }
    expect(Array.isArray(response.body.allowedActions)).toBe(true);
    return response.body.allowedActions;
  }

  async function check(label: string, fresh: () => Promise<string>, path: (id: string) => string, actions: readonly string[], attempt: (action: string, who: Who, id: string) => Promise<number>, notRequestable: (allowed: string[], action: string) => boolean = () => false) {
    for (const who of WHO) {
      const id = await fresh();
      const allowed = await offered(who, path(id));
      for (const action of actions) {
        if (allowed.includes(action)) {
          const status = await attempt(action, who, await fresh());
          expect({ label, who, action, status, ok: ok(status) }).toEqual({ label, who, action, status, ok: true });
        } else if (!notRequestable(allowed, action)) {
          const status = await attempt(action, who, id);
          expect({ label, who, action, status, refused: refused(status) }).toEqual({ label, who, action, status, refused: true });
        }
      }
    }
  }

  // Accounts --------------------------------------------------------------------------------------

  async function sandboxAccount(state: 'pending_dpia' | 'activatable' | 'active' | 'suspended' | 'closed'): Promise<string> {
    const created = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ platform: 'facebook', name: 'Riverside', externalId: `page-${randomUUID()}`, ownerId: c.manager.id, mode: 'sandbox' });
    expect(created.status).toBe(201);
    return prepared(created.body.id, state);
  }

  async function prepared(id: string, state: string): Promise<string> {
    expect((await t.http.post(`/api/v1/accounts/${id}/platform-admins`).set(bearer(c.admin)).send({ staffId: roster.id })).status).toBe(201);
    await authorise(t, c, id, author);
    if (state === 'activatable' || state === 'active' || state === 'suspended') await approveDpia(t, id, c);
    if (state === 'active' || state === 'suspended') expect((await t.http.post(`/api/v1/accounts/${id}/activate`).set(bearer(c.admin))).status).toBe(200);
    if (state === 'suspended') expect((await t.http.post(`/api/v1/accounts/${id}/suspend`).set(bearer(c.admin)).send({ reason: 'paused' })).status).toBe(200);
    if (state === 'closed') expect((await t.http.post(`/api/v1/accounts/${id}/close`).set(bearer(c.admin)).send({ reason: 'retired' })).status).toBe(200);
    return id;
  }

  /** A live account connected through a Facebook sign-in, so reconnecting and checking its token can be accepted. */
  async function liveAccount(): Promise<string> {
    const flow = await signIn(w, { platform: 'facebook' });
    const page = flow.connection.candidates.find((candidate: { kind: string }) => candidate.kind === 'page');
    const created = await t.http.post('/api/v1/accounts').set(bearer(c.admin)).send({ platform: 'facebook', externalId: page.externalId, ownerId: c.manager.id, connectionId: flow.connection.id });
    expect(created.status).toBe(201);
    return prepared(created.body.id, 'pending_dpia');
  }

  async function accountAction(action: string, who: Who, id: string): Promise<number> {
    const as = bearer(token(who));
    const base = `/api/v1/accounts/${id}`;
    switch (action) {
      case 'edit':
        return (await t.http.patch(base).set(as).send({ name: 'Renamed' })).status;
      case 'set_credentials':
        return (await t.http.put(`${base}/credentials`).set(as).send({ accessToken: 'a-token' })).status;
      case 'reconnect': {
        const account = await t.http.get(base).set(bearer(c.admin));
        // A real connection for the account where one can be started; otherwise any id (the refusal comes first).
        const connectionId = account.body.mode === 'live' && account.body.status !== 'closed' ? (await signIn(w, { platform: 'facebook', accountId: id })).connection.id : randomUUID();
        return (await t.http.post(`${base}/connect`).set(as).send({ connectionId })).status;
      }
      case 'check_credentials':
        return (await t.http.post(`${base}/credentials/check`).set(as)).status;
      case 'add_platform_admin':
        return (await t.http.post(`${base}/platform-admins`).set(as).send({ staffId: grantee.id })).status;
      case 'remove_platform_admin':
        return (await t.http.delete(`${base}/platform-admins/${roster.id}`).set(as)).status;
      case 'activate':
        return (await t.http.post(`${base}/activate`).set(as)).status;
      case 'suspend':
        return (await t.http.post(`${base}/suspend`).set(as).send({ reason: 'paused' })).status;
      case 'close':
        return (await t.http.post(`${base}/close`).set(as).send({ reason: 'retired' })).status;
      case 'authorise':
        return (await t.http.post(`${base}/authorisations`).set(as).send({ staffId: grantee.id, reason: 'posts the news' })).status;
    }
    throw new Error(`no request for account action ${action}`);
  }

  for (const state of ['pending_dpia', 'activatable', 'active', 'suspended', 'closed'] as const) {
    it(`accounts (sandbox, ${state})`, async () => {
      await check(`account ${state}`, () => sandboxAccount(state), (id) => `/api/v1/accounts/${id}`, ACCOUNT_ACTIONS, accountAction);
    });
  }

  it('accounts (live, connected)', async () => {
    await check('account live', liveAccount, (id) => `/api/v1/accounts/${id}`, ACCOUNT_ACTIONS, accountAction);
  });

  // DPIAs -----------------------------------------------------------------------------------------

  async function dpiaIn(state: 'not_started' | 'draft' | 'awaiting_sign_off' | 'approved' | 'rejected' | 'account_closed'): Promise<string> {
    const id = await sandboxAccount('pending_dpia');
    const manager = bearer(c.manager.token);
    if (state === 'approved') {
      await approveDpia(t, id, c);
      return id;
    }
    if (state !== 'not_started') expect((await t.http.put(`/api/v1/accounts/${id}/dpia`).set(manager).send(completeDpia())).status).toBe(200);
    if (state === 'awaiting_sign_off' || state === 'rejected') expect((await t.http.post(`/api/v1/accounts/${id}/dpia/submit`).set(manager)).status).toBe(200);
    if (state === 'rejected') expect((await t.http.post(`/api/v1/accounts/${id}/dpia/sign-off`).set(bearer(c.dpo.token)).send({ decision: 'rejected', dpoAdvice: 'Not yet.' })).status).toBe(200);
    if (state === 'account_closed') expect((await t.http.post(`/api/v1/accounts/${id}/close`).set(bearer(c.admin)).send({ reason: 'retired' })).status).toBe(200);
    return id;
  }

  async function dpiaAction(action: string, who: Who, id: string): Promise<number> {
    const as = bearer(token(who));
    const base = `/api/v1/accounts/${id}/dpia`;
    if (action === 'edit' || action === 'new_version') return (await t.http.put(base).set(as).send(completeDpia())).status;
    if (action === 'submit') return (await t.http.post(`${base}/submit`).set(as)).status;
    return (await t.http.post(`${base}/sign-off`).set(as).send({ decision: action === 'approve' ? 'approved' : 'rejected', dpoAdvice: 'Considered.' })).status;
  }

  // PUT is `edit` or `new_version` depending on the state: when one is offered the other cannot be asked for separately.
  const sharedPut = (allowed: string[], action: string) => (action === 'edit' && allowed.includes('new_version')) || (action === 'new_version' && allowed.includes('edit'));

  for (const state of ['not_started', 'draft', 'awaiting_sign_off', 'approved', 'rejected', 'account_closed'] as const) {
    it(`DPIAs (${state})`, async () => {
      await check(`dpia ${state}`, () => dpiaIn(state), (id) => `/api/v1/accounts/${id}/dpia`, DPIA_ACTIONS, dpiaAction, sharedPut);
    });
  }

  it('never offers both edit and new_version', async () => {
    for (const state of ['not_started', 'draft', 'approved'] as const) {
      const allowed = await offered('manager', `/api/v1/accounts/${await dpiaIn(state)}/dpia`);
      expect(allowed.filter((action) => action === 'edit' || action === 'new_version')).toHaveLength(1);
    }
  });

  // Connections -----------------------------------------------------------------------------------

  async function connectionIn(state: 'pending' | 'authorised' | 'used' | 'failed'): Promise<string> {
    if (state === 'pending') {
      const started = await t.http.post('/api/v1/connections').set(bearer(c.admin)).send({ platform: 'facebook' });
      expect(started.status).toBe(201);
      return started.body.id;
    }
    if (state === 'failed') w.graph.login.refuseNextConsent({ error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' });
    const flow = await signIn(w, { platform: 'facebook' });
    expect(flow.connection.status).toBe(state === 'failed' ? 'failed' : 'authorised');
    if (state === 'used') expect(await choose(flow.connection.id, c.admin)).toBe(201);
    return flow.connection.id;
  }

  async function choose(connectionId: string, as: string): Promise<number> {
    const connection = (await t.http.get(`/api/v1/connections/${connectionId}`).set(bearer(c.admin))).body;
    const externalId = connection.candidates.find((candidate: { kind: string }) => candidate.kind === 'page')?.externalId ?? 'page-none';
    return (await t.http.post('/api/v1/accounts').set(bearer(as)).send({ platform: 'facebook', externalId, ownerId: c.manager.id, connectionId })).status;
  }

  for (const state of ['pending', 'authorised', 'used', 'failed'] as const) {
    it(`connections (${state})`, async () => {
      await check(`connection ${state}`, () => connectionIn(state), (id) => `/api/v1/connections/${id}`, CONNECTION_ACTIONS, (_action, who, id) => choose(id, token(who)));
    });
  }
});
