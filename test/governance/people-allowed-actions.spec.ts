import { randomUUID } from 'crypto';
import { CALLER_ACTIONS } from '../../src/auth/caller-actions';
import { AUTHORISATION_ACTIONS } from '../../src/authorisations/authorisation-rules';
import { CONTENT_RULES_ACTIONS } from '../../src/content-checks/rules-store/content-rules-rules';
import { STAFF_ACTIONS } from '../../src/staff/staff-rules';
import type { Role } from '../../src/staff/role';
import { createDraft, stage, Stage } from '../drafts/support';
import { bearer, TestApp, TestStaff } from '../support/test-app';
import { useWorld } from '../support/world';

/**
 * API.md section 19 for staff records, authorisations and the content rules, and GET /me's callerActions:
 * for every kind of caller, each action offered is accepted (tried on a fresh resource in that state) and
 * each other one is refused with a 4xx (tried on the one read, which a refusal leaves as it was).
 */
jest.setTimeout(600_000);

type Who = 'admin' | 'manager' | 'dpo' | 'safeguarding lead' | 'staff' | 'self';
const WHO: Who[] = ['admin', 'manager', 'dpo', 'safeguarding lead', 'staff', 'self'];
const ROLE_OF: Record<Exclude<Who, 'self' | 'admin'>, Role> = { manager: 'manager', dpo: 'dpo', 'safeguarding lead': 'safeguarding_lead', staff: 'staff' };

/** A resource to try an action on, and the person it is about (the caller when `self`). */
interface Subject {
  id: string;
  person: TestStaff;
}

describe('allowedActions on staff, authorisations and content rules are exactly what the server accepts', () => {
  const { t, s } = useWorld(async (t: TestApp) => {
    const world = await stage(t);
    const callers: Record<Exclude<Who, 'self'>, string> = {
      admin: world.admin,
      manager: world.manager.token,
      dpo: world.dpo.token,
      'safeguarding lead': (await t.newStaff(['safeguarding_lead'])).token,
      staff: (await t.newStaff(['staff'])).token,
    };
    return { world, callers };
  });

  const token = (who: Who, subject: Subject): string => (who === 'self' ? subject.person.token : s.callers[who]);
  const ok = (status: number) => status >= 200 && status < 300;
  const refused = (status: number) => status >= 400 && status < 500;

  async function offered(as: string, path: string, pick: (body: any) => any = (body) => body): Promise<string[]> {
    const response = await t.http.get(path).set(bearer(as));
    if (response.status !== 200) {
      expect(refused(response.status)).toBe(true);
      return [];
    }
    const subject = pick(response.body);
    if (!subject) return [];
    expect(Array.isArray(subject.allowedActions)).toBe(true);
    return subject.allowedActions;
  }

  async function check(
    label: string,
    fresh: () => Promise<Subject>,
    read: (as: string, subject: Subject) => Promise<string[]>,
    actions: readonly string[],
    attempt: (action: string, as: string, subject: Subject) => Promise<number[]>,
    who: readonly Who[] = WHO,
  ) {
    for (const caller of who) {
      const subject = await fresh();
      const allowed = await read(token(caller, subject), subject);
      for (const action of actions) {
        if (allowed.includes(action)) {
          const other = await fresh();
          const statuses = await attempt(action, token(caller, other), other);
          expect({ label, caller, action, statuses, ok: statuses.every(ok) }).toEqual({ label, caller, action, statuses, ok: true });
        } else {
          const statuses = await attempt(action, token(caller, subject), subject);
          expect({ label, caller, action, statuses, refused: statuses.every(refused) }).toEqual({ label, caller, action, statuses, refused: true });
        }
      }
    }
  }

  // Staff records ---------------------------------------------------------------------------------

  async function person(state: 'active' | 'leaving' | 'left'): Promise<Subject> {
    const member = await t.newStaff(['staff']);
    const admin = bearer(s.world.admin);
    const effectiveAt = state === 'leaving' ? new Date(t.now().getTime() + 7 * 86_400_000).toISOString() : undefined;
    if (state !== 'active') expect((await t.http.post(`/api/v1/staff/${member.id}/offboard`).set(admin).send({ reason: 'Moving on', effectiveAt })).status).toBe(state === 'leaving' ? 202 : 200);
    return { id: member.id, person: member };
  }

  async function staffAction(action: string, as: string, { id }: Subject): Promise<number[]> {
    const base = `/api/v1/staff/${id}`;
    switch (action) {
      case 'record_training':
        return [(await t.http.patch(base).set(bearer(as)).send({ trainingCompletedAt: new Date(t.now().getTime() - 86_400_000).toISOString() })).status];
      case 'edit':
        return [(await t.http.patch(base).set(bearer(as)).send({ displayName: 'Renamed' })).status];
      case 'reset_password':
        return [(await t.http.post(`${base}/password-reset`).set(bearer(as))).status];
      case 'offboard':
        return [(await t.http.post(`${base}/offboard`).set(bearer(as)).send({ reason: 'Moving on' })).status];
      case 'cancel_leave':
        return [(await t.http.delete(`${base}/offboard`).set(bearer(as))).status];
      case 'reinstate':
        return [(await t.http.post(`${base}/reinstate`).set(bearer(as)).send({ reason: 'Rehired' })).status];
    }
    throw new Error(`no request for staff action ${action}`);
  }

  const readStaff = (as: string, { id }: Subject) => offered(as, `/api/v1/staff/${id}`);

  for (const state of ['active', 'leaving', 'left'] as const) {
    it(`staff records (${state})`, async () => {
      // Someone who has left cannot sign in, so they cannot ask about themselves.
      await check(`staff ${state}`, () => person(state), readStaff, STAFF_ACTIONS, staffAction, state === 'left' ? WHO.filter((who) => who !== 'self') : WHO);
    });
  }

  it('lists the same allowedActions as the record shows', async () => {
    const { id } = await person('leaving');
    const one = await readStaff(s.world.admin, { id } as Subject);
    const list = await offered(s.world.admin, '/api/v1/staff?status=all&limit=200', (body) => body.items.find((item: { id: string }) => item.id === id));
    expect(list).toEqual(one);
    expect(one).toEqual(expect.arrayContaining(['cancel_leave', 'offboard']));
  });

  // Authorisations --------------------------------------------------------------------------------

  async function grant(state: 'active' | 'revoked' | 'expired'): Promise<Subject> {
    const grantee = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(grantee.token));
    const expiresAt = state === 'expired' ? new Date(t.now().getTime() + 1_500).toISOString() : undefined;
    const granted = await t.http.post(`/api/v1/accounts/${s.world.account.id}/authorisations`).set(bearer(s.world.manager.token)).send({ staffId: grantee.id, reason: 'Posts the news', expiresAt });
    expect(granted.status).toBe(201);
    if (state === 'revoked') expect((await t.http.post(`/api/v1/authorisations/${granted.body.id}/revoke`).set(bearer(s.world.manager.token)).send({ reason: 'Moved on' })).status).toBe(200);
    // The app's clock moves past the expiry (expiry takes effect at that instant: no job to wait for).
    if (state === 'expired') t.travel(1_600);
    return { id: granted.body.id, person: grantee };
  }

  /** Through the grantee's list, which the grantee reads too; others see it through the account's. */
  const readGrant = (as: string, subject: Subject) =>
    offered(as, `/api/v1/staff/${subject.person.id}/authorisations`, (body) => body.items.find((item: { id: string }) => item.id === subject.id));

  const revoke = async (_action: string, as: string, { id }: Subject) => [(await t.http.post(`/api/v1/authorisations/${id}/revoke`).set(bearer(as)).send({ reason: 'No longer posts' })).status];

  for (const state of ['active', 'revoked', 'expired'] as const) {
    it(`authorisations (${state})`, async () => {
      await check(`authorisation ${state}`, () => grant(state), readGrant, AUTHORISATION_ACTIONS, revoke);
    });
  }

  it('offers the same on the account’s list of grants', async () => {
    const subject = await grant('active');
    const onAccount = await offered(s.world.manager.token, `/api/v1/accounts/${s.world.account.id}/authorisations?active=true&limit=200`, (body) => body.items.find((item: { id: string }) => item.id === subject.id));
    expect(onAccount).toEqual(['revoke']);
  });

  // Content rules ---------------------------------------------------------------------------------

  const rules = async (): Promise<Subject> => ({ id: 'current', person: await t.newStaff(['staff']) });

  async function editRules(_action: string, as: string): Promise<number[]> {
    const current = (await t.http.get('/api/v1/content-rules').set(bearer(s.world.manager.token))).body;
    const name = `Ada ${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}son`;
    return [
      (await t.http.put('/api/v1/content-rules/prohibited-terms').set(bearer(as)).send({ terms: current.prohibitedTerms })).status,
      (await t.http.put('/api/v1/content-rules/org-domains').set(bearer(as)).send({ domains: current.orgDomains })).status,
      (await t.http.post('/api/v1/content-rules/protected-names').set(bearer(as)).send({ names: [name] })).status,
      (await t.http.post('/api/v1/content-rules/protected-names/remove').set(bearer(as)).send({ names: [name] })).status,
    ];
  }

  it('content rules', async () => {
    await check('content rules', rules, (as) => offered(as, '/api/v1/content-rules'), CONTENT_RULES_ACTIONS, editRules);
  });

  // GET /me's callerActions -----------------------------------------------------------------------

  /** A request the action stands for; refused with 403 exactly when the caller may not (a bad body or id is a later 4xx). */
  const PROBES: Record<Exclude<keyof typeof CALLER_ACTIONS, 'see_all_accounts' | 'see_all_drafts'>, (as: string) => Promise<number>> = {
    create_staff: async (as) => (await t.http.post('/api/v1/staff').set(bearer(as)).send({})).status,
    list_staff: async (as) => (await t.http.get('/api/v1/staff').set(bearer(as))).status,
    create_account: async (as) => (await t.http.post('/api/v1/accounts').set(bearer(as)).send({})).status,
    create_policy: async (as) => (await t.http.post('/api/v1/policies').set(bearer(as)).send({})).status,
    read_policy_acknowledgements: async (as) => (await t.http.get('/api/v1/policies/current/acknowledgements').set(bearer(as))).status,
    grant_authorisations: async (as) => (await t.http.post(`/api/v1/accounts/${s.world.account.id}/authorisations`).set(bearer(as)).send({})).status,
    review_drafts: async (as) => (await t.http.get('/api/v1/approvals').set(bearer(as))).status,
    read_dpias: async (as) => (await t.http.get(`/api/v1/accounts/${s.world.account.id}/dpia`).set(bearer(as))).status,
    sign_off_dpias: async (as) => (await t.http.post(`/api/v1/accounts/${s.world.account.id}/dpia/sign-off`).set(bearer(as)).send({})).status,
    read_compliance: async (as) => (await t.http.get('/api/v1/reports/compliance').set(bearer(as))).status,
    read_content_rules: async (as) => (await t.http.get('/api/v1/content-rules').set(bearer(as))).status,
    investigate_concerns: async (as) => (await t.http.post(`/api/v1/concerns/${randomUUID()}/notes`).set(bearer(as)).send({})).status,
    resolve_concerns: async (as) => (await t.http.post(`/api/v1/concerns/${randomUUID()}/resolve`).set(bearer(as)).send({})).status,
    read_audit: async (as) => (await t.http.get('/api/v1/audit?limit=1').set(bearer(as))).status,
    verify_audit: async (as) => (await t.http.get('/api/v1/audit/verify').set(bearer(as))).status,
    complete_offboarding_tasks: async (as) => (await t.http.post(`/api/v1/offboarding-tasks/${randomUUID()}/complete`).set(bearer(as)).send({})).status,
  };

  const callerTokens = async (): Promise<[string, string][]> => [
    ['admin', s.world.admin],
    ...(await Promise.all((Object.entries(ROLE_OF) as [string, Role][]).map(async ([who, role]) => [who, (await t.newStaff([role])).token] as [string, string]))),
  ];

  it('GET /me lists exactly the collection actions whose route the caller may call', async () => {
    for (const [who, as] of await callerTokens()) {
      const me = await t.http.get('/api/v1/me').set(bearer(as));
      expect(me.status).toBe(200);
      for (const [action, probe] of Object.entries(PROBES)) {
        const status = await probe(as);
        const listed = me.body.callerActions.includes(action);
        expect({ who, action, status, listed, refused: status === 403 }).toEqual({ who, action, status, listed, refused: !listed });
      }
    }
  });

  it('GET /me says whether the caller sees every account and every post, as the lists do', async (): Promise<void> => {
    const world: Stage = s.world;
    // Nobody below is authorised on the stage's account, and the draft is the stage author's.
    const draft = await createDraft(t, world.author.token, { accountId: world.account.id, text: 'Our summer fair is on Saturday.' });
    for (const [who, as] of await callerTokens()) {
      const me = (await t.http.get('/api/v1/me').set(bearer(as))).body;
      const accounts = (await t.http.get('/api/v1/accounts?limit=200').set(bearer(as))).body.items.map((item: { id: string }) => item.id);
      const drafts = (await t.http.get('/api/v1/drafts?limit=100').set(bearer(as))).body.items.map((item: { id: string }) => item.id);
      expect({ who, accounts: accounts.includes(world.account.id), drafts: drafts.includes(draft.id) }).toEqual({
        who,
        accounts: me.callerActions.includes('see_all_accounts'),
        drafts: me.callerActions.includes('see_all_drafts'),
      });
    }
  });

  it('every collection action is probed, and GET /me carries the caller’s own record’s allowedActions too', async () => {
    expect(Object.keys(CALLER_ACTIONS).sort()).toEqual([...Object.keys(PROBES), 'see_all_accounts', 'see_all_drafts'].sort());
    const me = (await t.http.get('/api/v1/me').set(bearer(s.world.admin))).body;
    expect(me.allowedActions).toEqual(expect.arrayContaining(['record_training', 'edit']));
  });
});
