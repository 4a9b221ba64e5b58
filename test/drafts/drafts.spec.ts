import { bearer, TestApp } from '../support/test-app';
import { createDraft, Stage, stage, submitted } from './support';

// Staff creation hashes passwords (argon2) and each stage makes several people.
jest.setTimeout(60_000);

describe('drafts: revisions, lifecycle, visibility and history', () => {
  let t: TestApp;
  let s: Stage;
  beforeAll(async () => {
    t = await TestApp.start();
    s = await stage(t);
  });
  afterAll(() => t.close());

  const newDraft = (body: Record<string, unknown> = {}) => createDraft(t, s.author.token, { accountId: s.account.id, text: 'Summer fair on Saturday from 2pm.', ...body });

  it('creates a draft with its first immutable revision, in exactly the documented shape', async () => {
    const response = await t.http
      .post('/api/v1/drafts')
      .set(bearer(s.author.token))
      .send({ accountId: s.account.id, text: 'Summer fair on Saturday from 2pm.', title: 'Summer fair', link: 'https://riverside.example.org/fair' });
    expect(response.status).toBe(201);
    const draft = response.body;
    expect(Object.keys(draft).sort()).toEqual(
      ['id', 'accountId', 'authorId', 'ownerId', 'status', 'revision', 'findings', 'consent', 'approvals', 'requiredApprovals', 'scheduledFor', 'publication', 'failure', 'createdAt', 'updatedAt', 'allowedActions'].sort(),
    );
    expect(draft).toMatchObject({
      accountId: s.account.id,
      authorId: s.author.id,
      ownerId: s.author.id,
      status: 'draft',
      consent: { pending: 0, refused: 0 },
      approvals: [],
      requiredApprovals: 1,
      scheduledFor: null,
      publication: null,
      failure: null,
    });
    expect(Object.keys(draft.revision).sort()).toEqual(['contentHash', 'createdAt', 'id', 'link', 'media', 'number', 'text', 'title'].sort());
    expect(draft.revision).toMatchObject({ number: 1, text: 'Summer fair on Saturday from 2pm.', title: 'Summer fair', link: 'https://riverside.example.org/fair', media: [] });
    expect(draft.revision.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.isArray(draft.findings)).toBe(true);
    expect(draft.allowedActions).toEqual(['edit', 'submit', 'withdraw']);
  });

  it('refuses staff without an active authorisation on the account with 403 NOT_AUTHORISED_FOR_ACCOUNT, managers included', async () => {
    const outsider = await t.newStaff(['staff']);
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(outsider.token));
    for (const token of [outsider.token, s.reviewer.token]) {
      const response = await t.http.post('/api/v1/drafts').set(bearer(token)).send({ accountId: s.account.id, text: 'Hello' });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('NOT_AUTHORISED_FOR_ACCOUNT');
    }
  });

  it('validates the body: unknown fields, bad links, unknown media, past schedules', async () => {
    const send = (body: Record<string, unknown>) => t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Hi', ...body });
    expect((await send({ colour: 'red' })).body.code).toBe('VALIDATION_FAILED');
    expect((await send({ link: 'not a url' })).status).toBe(400);
    const unknownMedia = await send({ media: [{ mediaId: '0b7f0c4e-7a53-4a55-9a43-6f1f1c3f5a10', altText: 'x', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }] });
    expect(unknownMedia.status).toBe(400);
    expect(unknownMedia.body.details[0].field).toBe('media.0.mediaId');
    const past = await send({ scheduledFor: new Date(t.now().getTime() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.details[0].field).toBe('scheduledFor');
  });

  it('shows a draft to its owner, staff authorised on the account, managers and admins; others get 404', async () => {
    const draft = await newDraft();
    const colleague = await t.newStaff(['staff']);
    const outsider = await t.newStaff(['staff']);
    const { authorise } = await import('./support');
    await authorise(t, s, s.account.id, colleague);
    for (const token of [s.author.token, colleague.token, s.reviewer.token, s.admin]) {
      expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(token))).status).toBe(200);
    }
    const hidden = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(outsider.token));
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    expect((await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(outsider.token))).status).toBe(404);
    expect((await t.http.get('/api/v1/drafts/not-a-uuid').set(bearer(s.author.token))).status).toBe(404);
    const outsiderList = await t.http.get('/api/v1/drafts').set(bearer(outsider.token));
    expect(outsiderList.body.items).toEqual([]);
    const colleagueList = await t.http.get(`/api/v1/drafts?accountId=${s.account.id}`).set(bearer(colleague.token));
    expect(colleagueList.body.items.map((d: { id: string }) => d.id)).toContain(draft.id);
    expect((await t.http.get('/api/v1/drafts?mine=true').set(bearer(colleague.token))).body.items).toEqual([]);
  });

  it('lists newest first with status, account and mine filters, keyset-paginated', async () => {
    const a = await newDraft({ text: 'one' });
    const b = await newDraft({ text: 'two' });
    const c = await submitted(t, s, { text: 'three' });
    const mine = await t.http.get('/api/v1/drafts?mine=true&limit=2').set(bearer(s.author.token));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([c.id, b.id]);
    const next = await t.http.get(`/api/v1/drafts?mine=true&limit=2&cursor=${mine.body.nextCursor}`).set(bearer(s.author.token));
    expect(next.body.items[0].id).toBe(a.id);
    const onlySubmitted = await t.http.get(`/api/v1/drafts?status=submitted&accountId=${s.account.id}`).set(bearer(s.reviewer.token));
    expect(onlySubmitted.body.items.every((d: { status: string }) => d.status === 'submitted')).toBe(true);
    expect(onlySubmitted.body.items.map((d: { id: string }) => d.id)).toContain(c.id);
    expect((await t.http.get('/api/v1/drafts?status=nonsense').set(bearer(s.author.token))).status).toBe(400);
  });

  it('an edit writes a new revision and leaves the old one intact in the history', async () => {
    const draft = await newDraft({ text: 'First words', title: 'T' });
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Better words' });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('draft');
    expect(edited.body.revision).toMatchObject({ number: 2, text: 'Better words', title: 'T' });
    expect(edited.body.revision.id).not.toBe(draft.revision.id);
    expect(edited.body.revision.contentHash).not.toBe(draft.revision.contentHash);
    const cleared = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ title: null });
    expect(cleared.body.revision).toMatchObject({ number: 3, text: 'Better words', title: null });
    const history = await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.author.token));
    expect(history.body.items.map((e: any) => [e.action, e.revisionId])).toEqual([
      ['created', draft.revision.id],
      ['edited', edited.body.revision.id],
      ['edited', cleared.body.revision.id],
    ]);
    const rows = await t.dataSource.query(`SELECT "number", "text" FROM draft_revisions WHERE "draftId" = '${draft.id}' ORDER BY "number"`);
    expect(rows.map((r: any) => [Number(r.number), r.text])).toEqual([
      [1, 'First words'],
      [2, 'Better words'],
      [3, 'Better words'],
    ]);
  });

  it('only the owner edits or submits (403); a manager or the owner may withdraw; other staff may not', async () => {
    const draft = await newDraft();
    const colleague = await t.newStaff(['staff']);
    const { authorise } = await import('./support');
    await authorise(t, s, s.account.id, colleague);
    expect((await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(colleague.token)).send({ text: 'mine now' })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.reviewer.token)).send({ text: 'mine now' })).status).toBe(403);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(colleague.token))).status).toBe(403);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(colleague.token))).status).toBe(403);
    const byManager = await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.reviewer.token));
    expect(byManager.status).toBe(200);
    expect(byManager.body.status).toBe('withdrawn');
    const own = await newDraft();
    expect((await t.http.post(`/api/v1/drafts/${own.id}/withdraw`).set(bearer(s.author.token))).body.status).toBe('withdrawn');
  });

  it('moves only along the lifecycle: a bad transition is 409 INVALID_STATE and changes nothing', async () => {
    const draft = await submitted(t, s);
    const again = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.author.token));
    const edit = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'late' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('INVALID_STATE');
    const withdrawAgain = await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.author.token));
    expect(withdrawAgain.body.code).toBe('INVALID_STATE');
    const after = await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token));
    expect(after.body).toMatchObject({ status: 'withdrawn', revision: { number: 1 } });
  });

  it('editing a submitted draft sends it back to draft', async () => {
    const draft = await submitted(t, s);
    const edited = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Changed my mind' });
    expect(edited.body).toMatchObject({ status: 'draft', revision: { number: 2 } });
  });

  it('refuses to submit while a check blocks: 422 CONTENT_CHECK_FAILED with the findings, and the draft stays a draft', async () => {
    const draft = await newDraft({ text: 'Lovely visit from 943 476 5919 today.' });
    expect(draft.findings.some((f: any) => f.rule === 'NHS_NUMBER' && f.severity === 'block')).toBe(true);
    const response = await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CONTENT_CHECK_FAILED');
    expect(response.body.details.some((f: any) => f.rule === 'NHS_NUMBER')).toBe(true);
    expect((await t.http.get(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token))).body.status).toBe('draft');
    const fixed = await t.http.patch(`/api/v1/drafts/${draft.id}`).set(bearer(s.author.token)).send({ text: 'Lovely visit today.' });
    expect(fixed.body.findings.filter((f: any) => f.severity === 'block')).toEqual([]);
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).body.status).toBe('submitted');
  });

  it('records every change in the history (who, when, what, which revision) and in the audit trail', async () => {
    const draft = await submitted(t, s);
    await t.http.post(`/api/v1/drafts/${draft.id}/withdraw`).set(bearer(s.reviewer.token));
    const history = await t.http.get(`/api/v1/drafts/${draft.id}/history`).set(bearer(s.author.token));
    expect(history.status).toBe(200);
    expect(history.body.nextCursor).toBeNull();
    expect(history.body.items).toEqual([
      expect.objectContaining({ seq: 1, action: 'created', actorId: s.author.id, fromStatus: null, toStatus: 'draft', revisionId: draft.revision.id }),
      expect.objectContaining({ seq: 2, action: 'submitted', actorId: s.author.id, fromStatus: 'draft', toStatus: 'submitted', revisionId: draft.revision.id }),
      expect.objectContaining({ seq: 3, action: 'withdrawn', actorId: s.reviewer.id, fromStatus: 'submitted', toStatus: 'withdrawn' }),
    ]);
    for (const event of history.body.items) expect(event.at).toMatch(/Z$/);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${draft.id}`).set(bearer(s.admin));
    expect(audit.body.items.map((e: any) => e.action).reverse()).toEqual(['draft.created', 'draft.submitted', 'draft.withdrawn']);
  });

  it('refuses drafts from someone who has not acknowledged the policy in effect with 409 POLICY_NOT_ACKNOWLEDGED', async () => {
    const draft = await newDraft();
    const policy = await t.http.post('/api/v1/policies').set(bearer(s.manager.token)).send({ version: '2026.2', title: 'Social media policy', text: 'Revised.' });
    expect(policy.status).toBe(201);
    const response = await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Hello' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('POLICY_NOT_ACKNOWLEDGED');
    expect((await t.http.post(`/api/v1/drafts/${draft.id}/submit`).set(bearer(s.author.token))).body.code).toBe('POLICY_NOT_ACKNOWLEDGED');
    await t.http.post('/api/v1/policies/current/acknowledgements').set(bearer(s.author.token));
    expect((await t.http.post('/api/v1/drafts').set(bearer(s.author.token)).send({ accountId: s.account.id, text: 'Hello' })).status).toBe(201);
  });
});

describe('drafts, media, consent and approvals in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('documents every route with its request body', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const expected: [string, string][] = [
      ['/api/v1/media', 'post'],
      ['/api/v1/drafts', 'post'],
      ['/api/v1/drafts', 'get'],
      ['/api/v1/drafts/{id}', 'get'],
      ['/api/v1/drafts/{id}', 'patch'],
      ['/api/v1/drafts/{id}/submit', 'post'],
      ['/api/v1/drafts/{id}/withdraw', 'post'],
      ['/api/v1/drafts/{id}/history', 'get'],
      ['/api/v1/drafts/{id}/approve', 'post'],
      ['/api/v1/drafts/{id}/request-changes', 'post'],
      ['/api/v1/drafts/{id}/reject', 'post'],
      ['/api/v1/drafts/{id}/confirm', 'post'],
      ['/api/v1/approvals', 'get'],
      ['/api/v1/consent-requests', 'get'],
      ['/api/v1/consent-requests/{id}/decision', 'post'],
    ];
    for (const [path, verb] of expected) expect(doc.paths[path]?.[verb]).toBeDefined();
    expect(doc.paths['/api/v1/media'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(doc.components.schemas.CreateDraftDto.properties).toHaveProperty('media');
    expect(doc.components.schemas.DraftMediaDto.properties).toHaveProperty('depicts');
    expect(doc.components.schemas.ApproveDraftDto.required).toContain('revisionId');
    const schemaOf = (path: string, verb: string, status: string) => JSON.stringify(doc.paths[path][verb].responses[status]);
    expect(schemaOf('/api/v1/drafts/{id}', 'get', '200')).toContain('DraftResponse');
    expect(schemaOf('/api/v1/approvals', 'get', '200')).toContain('QueuePage');
    expect(schemaOf('/api/v1/media', 'post', '201')).toContain('MediaResponse');
    expect(Object.keys(doc.components.schemas.DraftResponse.properties).sort()).toEqual(
      ['id', 'accountId', 'authorId', 'ownerId', 'status', 'revision', 'findings', 'consent', 'approvals', 'requiredApprovals', 'scheduledFor', 'publication', 'failure', 'createdAt', 'updatedAt', 'allowedActions'].sort(),
    );
  });
});
