import { bearer, TestApp } from '../support/test-app';
import { approve, createDraft, QUIET_PUBLISHING, stage, submitted } from './support';

jest.setTimeout(60_000);

describe('closing an account withdraws its unpublished drafts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start(QUIET_PUBLISHING)));
  afterAll(() => t.close());

  it('withdraws drafts, submitted and scheduled ones in the closing transaction, cancels their hand-over, and leaves what is publishing alone', async () => {
    const s = await stage(t);
    const keep = await stage(t);
    const plain = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'plain' });
    const waiting = await submitted(t, s);
    const scheduled = await submitted(t, s, { scheduledFor: new Date(t.now().getTime() + 86_400_000).toISOString() });
    expect((await approve(t, s.reviewer.token, scheduled)).body.status).toBe('scheduled');
    const going = await submitted(t, s);
    expect((await approve(t, s.reviewer.token, going)).body.status).toBe('publishing');
    const elsewhere = await submitted(t, keep);

    const closed = await t.http.post(`/api/v1/accounts/${s.account.id}/close`).set(bearer(s.admin)).send({ reason: 'Page retired' });
    expect(closed.status).toBe(200);

    for (const [draft, before] of [[plain, 'draft'], [waiting, 'submitted'], [scheduled, 'scheduled']] as const) {
      const now = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token));
      expect(now.body.status).toBe('withdrawn');
      const history = (await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.reviewer.token))).body.items;
      expect(history.at(-1)).toMatchObject({ action: 'withdrawn', toStatus: 'withdrawn', fromStatus: before, actorId: expect.any(String), details: { reason: 'account closed: Page retired' } });
    }
    expect((await t.http.get(`/api/v1/drafts/${going.id}`).set(bearer(s.reviewer.token))).body.status).toBe('publishing');
    expect((await t.http.get(`/api/v1/drafts/${elsewhere.id}`).set(bearer(s.reviewer.token))).body.status).toBe('submitted');
    const outbox = await t.dataSource.query(`SELECT "draftId" FROM publish_outbox WHERE "accountId" = '${s.account.id}'`);
    expect(outbox.map((r: any) => r.draftId)).toEqual([going.id]);

    const audit = await t.http.get(`/api/v1/audit?subjectId=${s.account.id}`).set(bearer(s.admin));
    const entry = audit.body.items.find((e: any) => e.action === 'account.closed');
    expect([...entry.details.withdrawnDrafts].sort()).toEqual([plain.id, waiting.id, scheduled.id].sort());
  });
});
