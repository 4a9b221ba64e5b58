import { bearer, TestApp } from '../support/test-app';
import { useWorld } from '../support/world';
import { auditFor } from '../governance/fixtures';
import { ConcernCast, concernCast, raise } from './support';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;

describe('concerns: raising, who sees them, the investigation and its resolution', () => {
  let t: TestApp;
  let c: ConcernCast;
  let plain: Record<string, any>;
  let safeguarding: Record<string, any>;
  let personal: Record<string, any>;

  beforeAll(async () => {
    t = await TestApp.start({ GATEHOUSE_ROLE: 'api' });
    c = await concernCast(t);
    plain = await raise(t, c.reporter, { kind: 'colleague_conduct', description: 'A colleague posted about a shift on their own account.' });
    safeguarding = await raise(t, c.reporter, { kind: 'content_about_us', description: 'A photo of Mrs Smith outside the day centre on a local group.', url: 'https://example.org/p/1', involvesServiceUsers: true });
    personal = await raise(t, c.bystander, { kind: 'mistake', description: 'I sent the rota with home addresses to the wrong group chat.', personalData: true });
  });
  afterAll(() => t.close());

  const get = (token: string, id: string) => t.http.get(`/api/v1/concerns/${id}`).set(bearer(token));
  const ids = async (token: string, query = '') => (await t.http.get(`/api/v1/concerns${query}`).set(bearer(token))).body.items.map((item: any) => item.id);

  it('answers 201 with every field of the contract; unknown values are null', async () => {
    expect(plain).toEqual({
      id: expect.any(String),
      kind: 'colleague_conduct',
      status: 'open',
      description: 'A colleague posted about a shift on their own account.',
      draftId: null,
      url: null,
      reportedById: c.reporter.id,
      reportedAt: expect.stringMatching(/Z$/),
      involvesServiceUsers: false,
      personalData: false,
      assignedToId: null,
      safeguardingNotifiedAt: null,
      hrAdviceSoughtAt: null,
      outcome: null,
      resolvedAt: null,
      resolvedById: null,
      breach: null,
      // The reporter does not read the investigation record.
      notes: null,
      allowedActions: [],
    });
    expect(safeguarding.safeguardingNotifiedAt).toBe(safeguarding.reportedAt);
    expect(personal.breach).toEqual({
      awareAt: personal.reportedAt,
      icoDeadline: new Date(Date.parse(personal.reportedAt) + 72 * HOUR).toISOString(),
      decision: null,
      decisionReason: null,
      decidedById: null,
      decidedAt: null,
      icoReference: null,
      reportedToIcoAt: null,
    });
  });

  it('refuses a bad body with 400 VALIDATION_FAILED, and an unauthenticated caller with 401', async () => {
    for (const body of [{ kind: 'gossip', description: 'x' }, { kind: 'other' }, { kind: 'other', description: 'x', draftId: 'nope' }, { kind: 'other', description: 'x', extra: 1 }]) {
      const response = await t.http.post('/api/v1/concerns').set(bearer(c.reporter.token)).send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http.post('/api/v1/concerns').send({ kind: 'other', description: 'x' })).status).toBe(401);
  });

  it('shows each concern to its reporter, managers, the Safeguarding Lead (service users) and the DPO (personal data); anyone else 404', async () => {
    const sees = { reporter: [plain, safeguarding], bystander: [personal], manager: [plain, safeguarding, personal], lead: [safeguarding], dpo: [personal] } as const;
    for (const [who, visible] of Object.entries(sees)) {
      const token = c[who as keyof ConcernCast].token;
      for (const concern of [plain, safeguarding, personal]) {
        const response = await get(token, concern.id);
        const expected = (visible as readonly Record<string, any>[]).includes(concern) ? 200 : 404;
        expect({ who, concern: concern.kind, status: response.status }).toEqual({ who, concern: concern.kind, status: expected });
      }
      expect((await ids(token)).sort()).toEqual(visible.map((concern) => concern.id).sort());
    }
    expect((await get(c.manager.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get(c.manager.token, 'not-a-uuid')).status).toBe(404);
  });

  it('filters by status and kind and pages with a cursor', async () => {
    expect(await ids(c.manager.token, '?kind=mistake')).toEqual([personal.id]);
    const first = await t.http.get('/api/v1/concerns?limit=2').set(bearer(c.manager.token));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`/api/v1/concerns?limit=2&cursor=${first.body.nextCursor}`).set(bearer(c.manager.token));
    const all = [...first.body.items, ...second.body.items].map((item: any) => item.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([plain.id, safeguarding.id, personal.id]));
    expect((await t.http.get('/api/v1/concerns?status=closed').set(bearer(c.manager.token))).status).toBe(400);
    expect((await t.http.get('/api/v1/concerns?limit=0').set(bearer(c.manager.token))).status).toBe(400);
  });

  it('takes notes from investigators only, moving the concern to investigating; the reporter never reads them', async () => {
    expect((await t.http.post(`/api/v1/concerns/${safeguarding.id}/notes`).set(bearer(c.reporter.token)).send({ text: 'Me too' })).status).toBe(403);
    expect((await t.http.post(`/api/v1/concerns/${plain.id}/notes`).set(bearer(c.lead.token)).send({ text: 'Not mine' })).status).toBe(404);
    const note = await t.http.post(`/api/v1/concerns/${safeguarding.id}/notes`).set(bearer(c.lead.token)).send({ text: 'Asked the group admin to remove the photo.' });
    expect(note.status).toBe(201);
    expect(note.body.status).toBe('investigating');
    expect(note.body.notes).toEqual([{ id: expect.any(String), authorId: c.lead.id, at: expect.any(String), text: 'Asked the group admin to remove the photo.' }]);
    expect(note.body.allowedActions).toEqual(['add_note']);
    const asReporter = await get(c.reporter.token, safeguarding.id);
    expect(asReporter.body.status).toBe('investigating');
    expect(asReporter.body.notes).toBeNull();
    expect((await get(c.manager.token, safeguarding.id)).body.notes).toHaveLength(1);
    const dpoNote = await t.http.post(`/api/v1/concerns/${personal.id}/notes`).set(bearer(c.dpo.token)).send({ text: 'Eight addresses, no health data.' });
    expect(dpoNote.status).toBe(201);
    expect(dpoNote.body.allowedActions).toEqual(['add_note', 'decide_breach']);
  });

  it('lets a manager assign it to someone who may investigate it and record HR advice (403 for other roles)', async () => {
    const other = await t.newStaff(['manager']);
    for (const token of [c.lead.token, c.dpo.token, c.reporter.token]) {
      expect((await t.http.post(`/api/v1/concerns/${plain.id}/assign`).set(bearer(token)).send({ staffId: other.id })).status).toBe(403);
      expect((await t.http.post(`/api/v1/concerns/${plain.id}/hr-advice`).set(bearer(token)).send({ note: 'x' })).status).toBe(403);
      expect((await t.http.post(`/api/v1/concerns/${plain.id}/resolve`).set(bearer(token)).send({ outcome: 'x' })).status).toBe(403);
    }
    const toStaff = await t.http.post(`/api/v1/concerns/${plain.id}/assign`).set(bearer(c.manager.token)).send({ staffId: c.bystander.id });
    expect(toStaff.status).toBe(400);
    expect(toStaff.body.code).toBe('VALIDATION_FAILED');
    expect((await get(c.manager.token, plain.id)).body.status).toBe('open');
    const assigned = await t.http.post(`/api/v1/concerns/${plain.id}/assign`).set(bearer(c.manager.token)).send({ staffId: other.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'investigating', assignedToId: other.id });
    const advice = await t.http.post(`/api/v1/concerns/${plain.id}/hr-advice`).set(bearer(c.manager.token)).send({ note: 'HR advise an informal conversation first.' });
    expect(advice.status).toBe(200);
    expect(advice.body.hrAdviceSoughtAt).toEqual(expect.stringMatching(/Z$/));
    expect(advice.body.notes.map((n: any) => n.text)).toEqual(['HR advice sought: HR advise an informal conversation first.']);
  });

  it('resolves with an outcome; a resolved concern is final (409 INVALID_STATE)', async () => {
    const resolved = await t.http.post(`/api/v1/concerns/${plain.id}/resolve`).set(bearer(c.manager.token)).send({ outcome: 'Spoke with the colleague; post removed.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'Spoke with the colleague; post removed.', resolvedById: c.manager.id, resolvedAt: expect.any(String), allowedActions: [] });
    for (const [path, body] of [['resolve', { outcome: 'again' }], ['notes', { text: 'late' }], ['assign', { staffId: c.manager.id }]] as const) {
      const response = await t.http.post(`/api/v1/concerns/${plain.id}/${path}`).set(bearer(c.manager.token)).send(body);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('INVALID_STATE');
    }
    expect(await ids(c.manager.token, '?status=resolved')).toEqual([plain.id]);
  });

  it('keeps a breach from being resolved until it is decided; reportable needs the ICO reference', async () => {
    const blocked = await t.http.post(`/api/v1/concerns/${personal.id}/resolve`).set(bearer(c.manager.token)).send({ outcome: 'Apologised to the team.' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('BREACH_UNDECIDED');
    expect((await get(c.manager.token, personal.id)).body.allowedActions).not.toContain('resolve');
    expect((await t.http.post(`/api/v1/concerns/${personal.id}/breach-decision`).set(bearer(c.lead.token)).send({ decision: 'not_reportable', decisionReason: 'x' })).status).toBe(403);
    const noReference = await t.http.post(`/api/v1/concerns/${personal.id}/breach-decision`).set(bearer(c.dpo.token)).send({ decision: 'reportable', decisionReason: 'Home addresses of staff.' });
    expect(noReference.status).toBe(400);
    expect(noReference.body.code).toBe('VALIDATION_FAILED');
    expect((await get(c.dpo.token, personal.id)).body.breach.decision).toBeNull();
    const noBreach = await t.http.post(`/api/v1/concerns/${safeguarding.id}/breach-decision`).set(bearer(c.manager.token)).send({ decision: 'not_reportable', decisionReason: 'x' });
    expect(noBreach.status).toBe(409);
    const decided = await t.http
      .post(`/api/v1/concerns/${personal.id}/breach-decision`)
      .set(bearer(c.dpo.token))
      .send({ decision: 'reportable', decisionReason: 'Home addresses of staff.', icoReference: 'IC-123456-A1B2', reportedToIcoAt: '2026-12-01T10:00:00Z' });
    expect(decided.status).toBe(200);
    expect(decided.body.breach).toMatchObject({ decision: 'reportable', decisionReason: 'Home addresses of staff.', decidedById: c.dpo.id, decidedAt: expect.any(String), icoReference: 'IC-123456-A1B2', reportedToIcoAt: '2026-12-01T10:00:00.000Z' });
    const resolved = await t.http.post(`/api/v1/concerns/${personal.id}/resolve`).set(bearer(c.manager.token)).send({ outcome: 'Reported; rota now sent by email only.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
  });

  it('documents every route in OpenAPI with the Concern and removal request shapes', async () => {
    const document = (await t.http.get('/api/docs-json')).body;
    for (const [path, method] of [
      ['/api/v1/concerns', 'post'], ['/api/v1/concerns', 'get'], ['/api/v1/concerns/{id}', 'get'], ['/api/v1/concerns/{id}/notes', 'post'],
      ['/api/v1/concerns/{id}/assign', 'post'], ['/api/v1/concerns/{id}/hr-advice', 'post'], ['/api/v1/concerns/{id}/resolve', 'post'],
      ['/api/v1/concerns/{id}/breach-decision', 'post'], ['/api/v1/drafts/{id}/removal-requests', 'post'],
    ]) expect({ path, method, documented: Boolean(document.paths[path]?.[method]) }).toEqual({ path, method, documented: true });
    expect(Object.keys(document.components.schemas.ConcernResponse.properties).sort()).toEqual(Object.keys(plain).sort());
    expect(document.components.schemas.RemovalRequestResponse.properties.outcome.enum).toEqual(['taken_down', 'takedown_pending', 'consent_withdrawn']);
  });

  it('audits every step without the description or the notes', async () => {
    const entries = await auditFor(t, safeguarding.id);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['concern.raised', 'concern.safeguarding_notified', 'concern.note_added']));
    const notified = entries.find((e) => e.action === 'concern.safeguarding_notified')!;
    expect(notified.details.safeguardingLeadIds).toContain(c.lead.id);
    const personalActions = (await auditFor(t, personal.id)).map((e) => e.action);
    expect(personalActions).toEqual(expect.arrayContaining(['concern.raised', 'concern.note_added', 'concern.breach_decided', 'concern.resolved']));
    const plainActions = (await auditFor(t, plain.id)).map((e) => e.action);
    expect(plainActions).toEqual(expect.arrayContaining(['concern.raised', 'concern.assigned', 'concern.hr_advice_sought', 'concern.resolved']));
    const text = JSON.stringify([...entries, ...(await auditFor(t, personal.id))]);
    expect(text).not.toContain('Mrs Smith');
    expect(text).not.toContain('group admin');
    expect(text).not.toContain('addresses to the wrong');
  });
});

describe('the 72-hour ICO clock in the compliance report', () => {
  const { t, s: c } = useWorld(concernCast, { GATEHOUSE_ROLE: 'api' });

  // Sessions expire as the clock moves, so each look signs in afresh.
  const report = async () => (await t.http.get('/api/v1/reports/compliance').set(bearer(await t.login(c.dpo.email, c.dpo.password)))).body;

  it('lists an undecided breach as awaiting, then past the deadline once 72 hours have gone, and neither once decided', async () => {
    await raise(t, c.reporter, { kind: 'other', description: 'Nothing to do with data.' });
    const breach = await raise(t, c.reporter, { kind: 'mistake', description: 'Lost a printed list.', personalData: true });
    let figures = await report();
    expect(figures.openConcerns).toBe(2);
    expect(figures.breachesAwaitingDecision).toEqual([{ concernId: breach.id, icoDeadline: breach.breach.icoDeadline }]);
    expect(figures.breachesPastDeadline).toEqual([]);

    t.travel(71 * HOUR);
    expect((await report()).breachesPastDeadline).toEqual([]);
    t.travel(2 * HOUR);
    figures = await report();
    expect(figures.breachesPastDeadline).toEqual([breach.id]);
    expect(figures.breachesAwaitingDecision).toEqual([{ concernId: breach.id, icoDeadline: breach.breach.icoDeadline }]);

    const decided = await t.http.post(`/api/v1/concerns/${breach.id}/breach-decision`).set(bearer(await t.login(c.manager.email, c.manager.password))).send({ decision: 'not_reportable', decisionReason: 'Found in the office shredder bin.' });
    expect(decided.status).toBe(200);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${breach.id}&action=concern.breach_decided`).set(bearer(await t.login(c.dpo.email, c.dpo.password)));
    expect(audit.body.items[0].details).toMatchObject({ decision: 'not_reportable', afterDeadline: true, icoDeadline: breach.breach.icoDeadline });
    figures = await report();
    expect(figures.breachesAwaitingDecision).toEqual([]);
    expect(figures.breachesPastDeadline).toEqual([]);
    expect(figures.openConcerns).toBe(2);
  });
});
