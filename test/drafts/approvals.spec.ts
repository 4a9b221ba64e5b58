import { bearer, TestApp } from '../support/test-app';
import { approve, authorise, createDraft, QUIET_PUBLISHING, Stage, stage, submitted } from './support';

// Staff creation hashes passwords (argon2) and each stage makes several people.
jest.setTimeout(60_000);

describe('approvals: four eyes, revisions, hand-over to publishing, the queue', () => {
  let t: TestApp;
  let s: Stage;
  let two: Stage;
  beforeAll(async () => {
    // No worker and a slow outbox poll: these tests look at the hand-over itself, before publishing takes it.
    t = await TestApp.start(QUIET_PUBLISHING);
    s = await stage(t);
    two = await stage(t, { requiredApprovals: 2 });
  });
  afterAll(() => t.close());

  const outbox = (draftId: string) => t.dataSource.query(`SELECT * FROM publish_outbox WHERE "draftId" = '${draftId}'`);
  const get = (id: string, token = s.reviewer.token) => t.http.get(`/api/v1/drafts/${id}`).set(bearer(token));

  it('is for managers: staff and admins get 403 FORBIDDEN whatever the body', async () => {
    const draft = await submitted(t, s);
    for (const token of [s.author.token, s.admin]) {
      expect((await approve(t, token, draft)).body.code).toBe('FORBIDDEN');
      expect((await t.http.post(`/api/v1/drafts/${draft.id}/approve`).set(bearer(token)).send({ nonsense: 1 })).status).toBe(403);
      expect((await t.http.get('/api/v1/approvals').set(bearer(token))).status).toBe(403);
      expect((await t.http.post(`/api/v1/drafts/${draft.id}/reject`).set(bearer(token)).send({ reason: 'no' })).status).toBe(403);
    }
  });

  it('one approval on a one-approval account starts publishing and writes one outbox row in the same transaction', async () => {
    const draft = await submitted(t, s);
    const response = await approve(t, s.reviewer.token, draft);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('publishing');
    expect(response.body.approvals).toEqual([{ managerId: s.reviewer.id, revisionId: draft.revision.id, approvedAt: expect.stringMatching(/Z$/) }]);
    const rows = await outbox(draft.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revisionId: draft.revision.id, accountId: s.account.id, dispatchedAt: null });
    expect(Number(rows[0].attempts)).toBe(0);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${draft.id}`).set(bearer(s.admin));
    expect(audit.body.items[0]).toMatchObject({ action: 'draft.approved', actorId: s.reviewer.id });
  });

  it('a future scheduledFor makes it scheduled, with the outbox row not before that time', async () => {
    const when = new Date(t.now().getTime() + 86_400_000).toISOString();
    const draft = await submitted(t, s, { scheduledFor: when });
    const response = await approve(t, s.reviewer.token, draft);
    expect(response.body).toMatchObject({ status: 'scheduled', scheduledFor: when });
    expect((await outbox(draft.id))[0].notBefore).toBe(when);
    const later = new Date(t.now().getTime() + 2 * 86_400_000).toISOString();
    const other = await submitted(t, s);
    const overridden = await approve(t, s.reviewer.token, other, { scheduledFor: later });
    expect(overridden.body).toMatchObject({ status: 'scheduled', scheduledFor: later });
    const past = await approve(t, s.reviewer.token, await submitted(t, s), { scheduledFor: new Date(t.now().getTime() - 1000).toISOString() });
    expect(past.status).toBe(400);
  });

  it('a manager cannot approve a draft they wrote: 403 SELF_APPROVAL_FORBIDDEN', async () => {
    const writer = await t.newStaff(['manager']);
    await authorise(t, s, s.account.id, writer);
    const draft = await createDraft(t, writer.token, { accountId: s.account.id, text: 'From the manager' });
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(writer.token));
    const response = await approve(t, writer.token, draft);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    expect((await get(draft.id)).body).toMatchObject({ status: 'submitted', approvals: [] });
  });

  it('an approval is bound to a revision: a stale revisionId is 409 REVISION_MISMATCH', async () => {
    const draft = await submitted(t, s);
    await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Edited after review started' });
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    const response = await approve(t, s.reviewer.token, draft);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('REVISION_MISMATCH');
    const stale = await approve(t, s.reviewer.token, { id: draft.id, revision: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(stale.body.code).toBe('REVISION_MISMATCH');
  });

  it('runs the checks again at approval: content that now blocks is 422 CONTENT_CHECK_FAILED', async () => {
    const draft = await submitted(t, s);
    // Stands in for a word list that changed after submission: the stored revision now holds an NHS number.
    await t.dataSource.query(`UPDATE draft_revisions SET text = 'Seen today: 943 476 5919' WHERE id = '${draft.revision.id}'`);
    const response = await approve(t, s.reviewer.token, draft);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CONTENT_CHECK_FAILED');
    expect(response.body.details.some((f: any) => f.rule === 'NHS_NUMBER')).toBe(true);
    expect((await get(draft.id)).body).toMatchObject({ status: 'submitted', approvals: [] });
  });

  it('approves only submitted drafts: 409 INVALID_STATE otherwise', async () => {
    const draft = await createDraft(t, s.author.token, { accountId: s.account.id, text: 'Not yet submitted' });
    const response = await approve(t, s.reviewer.token, draft);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_STATE');
    expect((await approve(t, s.reviewer.token, { id: '0b7f0c4e-7a53-4a55-9a43-6f1f1c3f5a10', revision: draft.revision })).status).toBe(404);
  });

  it('two-approval accounts need two distinct managers; the same one twice is 409 ALREADY_APPROVED', async () => {
    const draft = await submitted(t, two);
    const first = await approve(t, two.reviewer.token, draft);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'submitted', requiredApprovals: 2 });
    expect(first.body.approvals).toHaveLength(1);
    expect(await outbox(draft.id)).toHaveLength(0);
    const again = await approve(t, two.reviewer.token, draft);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_APPROVED');
    const second = await approve(t, two.reviewer2.token, draft);
    expect(second.body.status).toBe('publishing');
    expect(second.body.approvals.map((a: any) => a.managerId).sort()).toEqual([two.reviewer.id, two.reviewer2.id].sort());
    expect(await outbox(draft.id)).toHaveLength(1);
  });

  it('an edit voids the approvals: the draft goes back to draft and the new revision needs its own', async () => {
    const draft = await submitted(t, two);
    await approve(t, two.reviewer.token, draft);
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(two.author.token)).send({ text: 'Reworded' });
    expect(edited.body).toMatchObject({ status: 'draft', approvals: [] });
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(two.author.token));
    const reapproved = await approve(t, two.reviewer.token, edited.body);
    expect(reapproved.status).toBe(200);
    expect(reapproved.body).toMatchObject({ status: 'submitted', approvals: [{ managerId: two.reviewer.id, revisionId: edited.body.revision.id }] });
  });

  it('editing a scheduled draft takes it off the schedule and cancels its hand-over', async () => {
    const draft = await submitted(t, s, { scheduledFor: new Date(t.now().getTime() + 3_600_000).toISOString() });
    expect((await approve(t, s.reviewer.token, draft)).body.status).toBe('scheduled');
    expect(await outbox(draft.id)).toHaveLength(1);
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'A late correction' });
    expect(edited.body).toMatchObject({ status: 'draft', approvals: [] });
    expect(await outbox(draft.id)).toHaveLength(0);
  });

  it('parallel approvals by two managers on a two-approval draft give two approvals, one hand-over, no lost state', async () => {
    for (let round = 0; round < 3; round++) {
      const draft = await submitted(t, two);
      const results = await Promise.all([approve(t, two.reviewer.token, draft), approve(t, two.reviewer2.token, draft)]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const final = (await get(draft.id)).body;
      expect(final.status).toBe('publishing');
      expect(final.approvals).toHaveLength(2);
      expect(await outbox(draft.id)).toHaveLength(1);
    }
  });

  it('the same manager approving twice in parallel counts once', async () => {
    const draft = await submitted(t, two);
    const results = await Promise.all([approve(t, two.reviewer.token, draft), approve(t, two.reviewer.token, draft)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_APPROVED');
    expect((await get(draft.id)).body).toMatchObject({ status: 'submitted', approvals: [{ managerId: two.reviewer.id }] });
  });

  it('two managers approving a one-approval draft at once: one wins, the other sees the new state', async () => {
    const draft = await submitted(t, s);
    const results = await Promise.all([approve(t, s.reviewer.token, draft), approve(t, s.reviewer2.token, draft)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('INVALID_STATE');
    const final = (await get(draft.id)).body;
    expect(final.status).toBe('publishing');
    expect(final.approvals).toHaveLength(1);
    expect(await outbox(draft.id)).toHaveLength(1);
  });

  it('request-changes and reject are manager decisions with reasons in the history; rejected is final', async () => {
    const draft = await submitted(t, s);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(s.reviewer.token)).send({})).status).toBe(400);
    const changes = await t.http.post(`/api/v1/drafts/${draft.id}/request-changes`).set(bearer(s.reviewer.token)).send({ comment: 'Add the date' });
    expect(changes.status).toBe(200);
    expect(changes.body.status).toBe('changes_requested');
    expect((await approve(t, s.reviewer.token, draft)).body.code).toBe('INVALID_STATE');
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).body.code).toBe('INVALID_STATE');
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Summer fair on 12 July' });
    expect(edited.body.status).toBe('draft');
    await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    const rejected = await t.http.post(`/api/v1/drafts/${draft.id}/reject`).set(bearer(s.reviewer.token)).send({ reason: 'Not news' });
    expect(rejected.body.status).toBe('rejected');
    for (const attempt of [
      t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'again' }),
      t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token)),
      t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.author.token)),
      t.http.post(`/api/v1/drafts/${draft.id}/reject`).set(bearer(s.reviewer.token)).send({ reason: 'twice' }),
    ]) {
      expect((await attempt).body.code).toBe('INVALID_STATE');
    }
    const history = (await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.author.token))).body.items;
    expect(history.find((e: any) => e.action === 'changes_requested')).toMatchObject({ actorId: s.reviewer.id, details: { comment: 'Add the date' } });
    expect(history.at(-1)).toMatchObject({ action: 'rejected', toStatus: 'rejected', details: { reason: 'Not news' } });
  });

  it('refuses approval while the account cannot publish: 409 ACCOUNT_NOT_PUBLISHABLE', async () => {
    const other = await stage(t);
    const draft = await submitted(t, other);
    expect((await t.http.post(`/api/v1/accounts/${other.account.id}/suspend`).set(bearer(other.manager.token)).send({ reason: 'Review' })).status).toBe(200);
    const response = await approve(t, other.reviewer.token, draft);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ACCOUNT_NOT_PUBLISHABLE');
    expect((await get(draft.id, other.reviewer.token)).body).toMatchObject({ status: 'submitted', approvals: [] });
  });

  it('confirm sends a held draft back on its way; anything else is 409 INVALID_STATE', async () => {
    const draft = await submitted(t, s);
    await approve(t, s.reviewer.token, draft);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/confirm`).set(bearer(s.reviewer.token))).body.code).toBe('INVALID_STATE');
    // The publishing worker (a later issue) holds drafts; stand in for it here.
    await t.dataSource.query(`UPDATE drafts SET status = 'held', failure = '{"code":"ACCOUNT_NOT_PUBLISHABLE","message":"held"}' WHERE id = '${draft.id}'`);
    await t.dataSource.query(`UPDATE publish_outbox SET "dispatchedAt" = '2026-01-01T00:00:00.000Z' WHERE "draftId" = '${draft.id}'`);
    const confirmed = await t.http.post(`/api/v1/drafts/${draft.id}/confirm`).set(bearer(s.reviewer2.token));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'publishing', failure: null });
    const rows = await outbox(draft.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].dispatchedAt).toBeNull();
  });

  it('the queue lists submitted drafts oldest first, with findings, consent and waitingSince, per account and page by page', async () => {
    const queueStage = await stage(t);
    const first = await submitted(t, queueStage, { text: 'Write to us at office@riverside.example.org' });
    t.travel(1000);
    const second = await submitted(t, queueStage);
    t.travel(1000);
    const third = await submitted(t, queueStage);
    await approve(t, queueStage.reviewer.token, third);
    const page = await t.http.get(`/api/v1/approvals?accountId=${queueStage.account.id}&limit=1`).set(bearer(queueStage.reviewer.token));
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ id: first.id, status: 'submitted', consent: { pending: 0, refused: 0 } });
    expect(page.body.items[0].waitingSince).toMatch(/Z$/);
    expect(page.body.items[0].findings.some((f: any) => f.rule === 'EMAIL_ADDRESS' && f.severity === 'warn')).toBe(true);
    const next = await t.http.get(`/api/v1/approvals?accountId=${queueStage.account.id}&limit=1&cursor=${page.body.nextCursor}`).set(bearer(queueStage.reviewer.token));
    expect(next.body.items.map((d: any) => d.id)).toEqual([second.id]);
    expect(next.body.nextCursor).toBeNull();
    expect(next.body.items[0].waitingSince > page.body.items[0].waitingSince).toBe(true);
    const all = await t.http.get('/api/v1/approvals?limit=200').set(bearer(queueStage.reviewer.token));
    const waiting = all.body.items.map((d: any) => d.waitingSince);
    expect([...waiting].sort()).toEqual(waiting);
    expect(all.body.items.every((d: any) => d.status === 'submitted')).toBe(true);
  });
});
