import { bearer, TestStaff } from '../support/test-app';
import { useWorld } from '../support/world';
import { authorise, stage } from '../drafts/support';
import { completeDpia, createAccount } from '../governance/fixtures';
import { approved, settled } from '../publishing/support';

jest.setTimeout(120_000);

describe('smaller access findings: DPIA history, sandbox posts, DPIA sign-off', () => {
  const { t, s } = useWorld(stage);

  describe('/dpia/history follows /dpia’s rule', () => {
    it('answers every caller exactly as /dpia does', async () => {
      const outsider = await t.newStaff(['staff']);
      const lead = await t.newStaff(['safeguarding_lead']);
      await authorise(t, s, s.account.id, lead);
      const callers: [string, string][] = [
        ['authorised staff', s.author.token],
        ['authorised safeguarding lead', lead.token],
        ['unauthorised staff', outsider.token],
        ['manager', s.manager.token],
        ['dpo', s.dpo.token],
        ['admin', s.admin],
      ];
      for (const [who, token] of callers) {
        const dpia = await t.http.get(`/api/v1/accounts/${s.account.id}/dpia`).set(bearer(token));
        const history = await t.http.get(`/api/v1/accounts/${s.account.id}/dpia/history`).set(bearer(token));
        expect({ who, status: history.status, code: history.body.code }).toEqual({ who, status: dpia.status, code: dpia.body.code });
        if (dpia.status === 200) expect(history.body.items[0].purpose).toBe(dpia.body.purpose);
        else expect(history.body.items).toBeUndefined();
      }
      expect((await t.http.get(`/api/v1/accounts/${s.account.id}/dpia/history`).set(bearer(s.author.token))).status).toBe(403);
    });
  });

  describe('sandbox posts are for managers, admins and staff authorised on the account', () => {
    it('refuses the DPO (and a DPO who is also a safeguarding lead) but not a DPO who is also a manager', async () => {
      const draft = await approved(t, s);
      await settled(t, s.reviewer.token, draft.id, 'published');
      const list = (token: string) => t.http.get(`/api/v1/sandbox/posts?accountId=${s.account.id}`).set(bearer(token));
      for (const token of [s.dpo.token, (await t.newStaff(['dpo', 'safeguarding_lead'])).token]) {
        const refused = await list(token);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
        expect(refused.body.items).toBeUndefined();
      }
      for (const token of [s.manager.token, s.admin, s.author.token, (await t.newStaff(['dpo', 'manager'])).token]) {
        const allowed = await list(token);
        expect(allowed.status).toBe(200);
        expect(allowed.body.items.map((p: { draftId: string }) => p.draftId)).toEqual([draft.id]);
      }
    });
  });

  describe('whoever wrote or edited a DPIA version cannot sign it off', () => {
    let writerDpo: TestStaff;
    let otherManager: TestStaff;
    beforeAll(async () => {
      writerDpo = await t.newStaff(['manager', 'dpo']);
      otherManager = await t.newStaff(['manager']);
    });
    const url = (accountId: string, tail = '') => `/api/v1/accounts/${accountId}/dpia${tail}`;
    const save = async (token: string, accountId: string, overrides: Record<string, unknown> = {}) =>
      expect((await t.http.put(url(accountId)).set(bearer(token)).send(completeDpia(overrides))).status).toBe(200);
    const submit = async (token: string, accountId: string) => expect((await t.http.post(url(accountId, '/submit')).set(bearer(token))).status).toBe(200);
    const signOff = (token: string, accountId: string) =>
      t.http.post(url(accountId, '/sign-off')).set(bearer(token)).send({ decision: 'approved', dpoAdvice: 'Proportionate.' });
    const expectRefused = async (token: string, accountId: string) => {
      const refused = await signOff(token, accountId);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('SELF_SIGN_OFF_FORBIDDEN');
      expect((await t.http.get(url(accountId)).set(bearer(token))).body.status).toBe('awaiting_sign_off');
    };

    it('refuses the writer when another manager submitted it', async () => {
      const account = await createAccount(t, s.manager.id);
      await save(writerDpo.token, account.id);
      await submit(otherManager.token, account.id);
      await expectRefused(writerDpo.token, account.id);
      expect((await signOff(s.dpo.token, account.id)).status).toBe(200);
    });

    it('refuses someone who only edited a version another manager wrote and submitted', async () => {
      const account = await createAccount(t, s.manager.id);
      await save(otherManager.token, account.id);
      await save(writerDpo.token, account.id, { purpose: 'Share news, amended.' });
      await save(otherManager.token, account.id, { purpose: 'Share news, amended again.' });
      await submit(otherManager.token, account.id);
      await expectRefused(writerDpo.token, account.id);
    });

    it('lets them sign off a later version they did not touch', async () => {
      const account = await createAccount(t, s.manager.id);
      await save(writerDpo.token, account.id);
      await submit(otherManager.token, account.id);
      expect((await signOff(s.dpo.token, account.id)).status).toBe(200);
      await save(otherManager.token, account.id, { purpose: 'A new version for the new page.' });
      await submit(otherManager.token, account.id);
      const signed = await signOff(writerDpo.token, account.id);
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ version: 2, status: 'approved', signedOffById: writerDpo.id });
    });
  });
});
