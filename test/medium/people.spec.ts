import { randomUUID } from 'crypto';
import { seedLeaverWork } from '../../bench/offboarding-seed';
import { Access } from '../../src/common/access/access.service';
import { ForbiddenError, InvalidStateError, NotFoundError } from '../../src/common/errors/generic-errors';
import { WritePath } from '../../src/common/write-path/write-path';
import { Permission } from '../../src/auth/permissions';
import { BreachUndecidedError } from '../../src/concerns/concerns-errors';
import { ConcernsService } from '../../src/concerns/concerns.service';
import { OFFBOARDING_LIFECYCLE } from '../../src/offboarding/offboarding-lifecycle';
import { Offboarding } from '../../src/offboarding/offboarding.entity';
import { OffboardingService } from '../../src/offboarding/offboarding.service';
import { Medium } from '../support/medium';

const DAY = 86_400_000;

interface Entry {
  id: number;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

describe('people: offboarding lifecycle, a leaver’s drafts, concern rules', () => {
  let medium: Medium;
  beforeAll(async () => (medium = await Medium.start()));
  afterAll(() => medium.close());

  async function entriesSince(afterId: number): Promise<Entry[]> {
    const rows: (Omit<Entry, 'details'> & { details: string })[] = await medium.dataSource.query(
      `SELECT id, action, "subjectType", "subjectId", details FROM audit_entries WHERE id > ${Number(afterId)} ORDER BY id`,
    );
    return rows.map((row) => ({ ...row, id: Number(row.id), details: JSON.parse(row.details) }));
  }

  const offboardingsOf = (staffId: string) => medium.dataSource.getRepository(Offboarding).find({ where: { staffId }, order: { requestedAt: 'ASC', id: 'ASC' } });

  describe('the offboarding lifecycle', () => {
    it('schedules a leave: the person’s entry is the request’s, the offboarding enters its lifecycle following from it', async () => {
      const admin = await medium.admin();
      const leaver = await medium.staff(['staff']);
      const before = await medium.auditHead();
      const result = await medium.get(OffboardingService).offboard(admin, leaver.staffId, { reason: 'moving on', effectiveAt: new Date(Date.now() + 7 * DAY).toISOString() });
      expect(result.kind).toBe('scheduled');
      const [offboarding] = await offboardingsOf(leaver.staffId);
      expect(offboarding.status).toBe('scheduled');
      const entries = await entriesSince(before);
      expect(entries.map((e) => e.action)).toEqual(['staff.offboarding_scheduled', 'offboarding.created']);
      expect(entries[0].details.causedBy).toBeUndefined();
      expect(entries[1]).toMatchObject({ subjectId: offboarding.id, details: { causedBy: entries[0].id } });
    });

    it('cancels a scheduled leave, and a new leave supersedes the one waiting', async () => {
      const admin = await medium.admin();
      const leaver = await medium.staff(['staff']);
      const service = medium.get(OffboardingService);
      await service.offboard(admin, leaver.staffId, { reason: 'first', effectiveAt: new Date(Date.now() + 7 * DAY).toISOString() });
      await service.offboard(admin, leaver.staffId, { reason: 'second', effectiveAt: new Date(Date.now() + 9 * DAY).toISOString() });
      const [first, second] = await offboardingsOf(leaver.staffId);
      expect([first.status, second.status]).toEqual(['cancelled', 'scheduled']);
      expect(first.cancelledById).toBe(admin.staffId);

      const before = await medium.auditHead();
      await service.cancel(admin, leaver.staffId);
      expect((await offboardingsOf(leaver.staffId)).map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
      const entries = await entriesSince(before);
      expect(entries.map((e) => e.action)).toEqual(['staff.offboarding_cancelled', 'offboarding.cancelled']);
      expect(entries[0].details).toMatchObject({ offboardings: [second.id] });
      expect(entries[1]).toMatchObject({ subjectId: second.id, details: { from: 'scheduled', to: 'cancelled', causedBy: entries[0].id } });
    });

    it('completes a leave when its instant comes', async () => {
      const admin = await medium.admin();
      const leaver = await medium.staff(['staff']);
      const service = medium.get(OffboardingService);
      await service.offboard(admin, leaver.staffId, { reason: 'retiring', effectiveAt: new Date(Date.now() + DAY).toISOString() });
      medium.travel(2 * DAY);
      const before = await medium.auditHead();
      const applied = await service.applyDueLeaves();
      expect(applied.map((row) => row.staffId)).toContain(leaver.staffId);
      const [offboarding] = await offboardingsOf(leaver.staffId);
      expect(offboarding.status).toBe('completed');
      expect(offboarding.completedAt).not.toBeNull();
      const entries = (await entriesSince(before)).filter((e) => e.subjectId === leaver.staffId || e.subjectId === offboarding.id);
      expect(entries.map((e) => e.action)).toEqual(['staff.offboarded', 'offboarding.completed']);
      expect(entries[1].details.causedBy).toBe(entries[0].id);
    });

    it('refuses a move its table does not allow, as a typed error, and writes nothing', async () => {
      const admin = await medium.admin();
      const leaver = await medium.staff(['staff']);
      await medium.get(OffboardingService).offboard(admin, leaver.staffId, { reason: 'now' });
      const [completed] = await offboardingsOf(leaver.staffId);
      expect(completed.status).toBe('completed');
      expect(() => OFFBOARDING_LIFECYCLE.next(completed.status, 'cancel')).toThrow(InvalidStateError);
      const before = await medium.auditHead();
      await expect(
        medium.transactions.run((manager) => medium.get(WritePath).transition(manager, OFFBOARDING_LIFECYCLE, completed, 'cancel', { actorId: admin.staffId })),
      ).rejects.toBeInstanceOf(InvalidStateError);
      expect(await medium.auditHead()).toBe(before);
      expect((await offboardingsOf(leaver.staffId))[0].status).toBe('completed');
    });
  });

  it('gives each of a leaver’s drafts its own entry, following from the leave’s', async () => {
    const admin = await medium.admin();
    const lineManager = await medium.staff(['manager']);
    const leaver = await medium.staff(['staff'], { lineManagerId: lineManager.staffId });
    await seedLeaverWork(medium.dataSource, {
      leaverId: leaver.staffId,
      accountIds: [randomUUID(), randomUUID()],
      grantedById: lineManager.staffId,
      drafts: 16,
      authorisations: 2,
      sessions: 1,
      nowIso: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    const before = await medium.auditHead();
    const result = await medium.get(OffboardingService).offboard(admin, leaver.staffId, { reason: 'left' });
    if (result.kind !== 'completed') throw new Error('not completed');
    const { draftsTransferred, submissionsReturned, postsHeld } = result.report;
    expect([draftsTransferred.length, submissionsReturned.length, postsHeld.length]).toEqual([4, 2, 2]);

    const entries = await entriesSince(before);
    const roots = entries.filter((e) => e.details.causedBy === undefined);
    expect(roots.map((e) => e.action)).toEqual(['staff.offboarded']);
    const [root] = roots;
    expect(entries[0]).toBe(root);
    const draftEntries = entries.filter((e) => e.subjectType === 'draft');
    const actionOf = new Map(draftEntries.map((e) => [e.subjectId, e.action]));
    expect(draftEntries).toHaveLength(8);
    for (const id of draftsTransferred) expect(actionOf.get(id)).toBe('draft.transferred');
    for (const id of submissionsReturned) expect(actionOf.get(id)).toBe('draft.returned_to_draft');
    for (const id of postsHeld) expect(actionOf.get(id)).toBe('draft.held');
    for (const entry of draftEntries) expect(entry.details).toMatchObject({ causedBy: root.id, reason: 'owner left', leaverId: leaver.staffId });

    const owners = await medium.dataSource.query(`SELECT id, "ownerId", status FROM drafts WHERE id IN (${[...draftsTransferred, ...submissionsReturned, ...postsHeld].map((id) => `'${id}'`).join(', ')})`);
    const byId = new Map<string, { ownerId: string; status: string }>(owners.map((row: { id: string; ownerId: string; status: string }) => [row.id, row]));
    for (const id of [...draftsTransferred, ...submissionsReturned]) expect(byId.get(id)?.ownerId).toBe(lineManager.staffId);
    for (const id of submissionsReturned) expect(byId.get(id)?.status).toBe('draft');
    for (const id of postsHeld) expect(byId.get(id)).toEqual(expect.objectContaining({ ownerId: leaver.staffId, status: 'held' }));
  });

  describe('concern rules', () => {
    it('offers each caller the actions the service accepts, in the order 404, 403, lifecycle, breach', async () => {
      const reporter = await medium.staff(['staff']);
      const other = await medium.staff(['staff']);
      const manager = await medium.staff(['manager']);
      const lead = await medium.staff(['safeguarding_lead']);
      const dpo = await medium.staff(['dpo']);
      const concerns = medium.get(ConcernsService);
      const access = medium.get(Access);

      const about = await concerns.raise(reporter, { kind: 'harassment', description: 'a comment under a post', involvesServiceUsers: true });
      expect(about.allowedActions).toEqual([]);
      expect((await concerns.get(manager, about.id)).allowedActions).toEqual(['add_note', 'assign', 'seek_hr_advice', 'resolve']);
      expect((await concerns.get(lead, about.id)).allowedActions).toEqual(['add_note']);
      await expect(concerns.get(dpo, about.id)).rejects.toBeInstanceOf(NotFoundError);

      await expect(access.require(other, Permission.ConcernNoteAdd, about.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(access.require(reporter, Permission.ConcernNoteAdd, about.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(access.require(lead, Permission.ConcernResolve, about.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(concerns.decideBreach(manager, about.id, { decision: 'not_reportable', decisionReason: 'no data' })).rejects.toMatchObject({ code: 'INVALID_STATE' });

      const breach = await concerns.raise(reporter, { kind: 'mistake', description: 'a name in a caption', personalData: true });
      expect((await concerns.get(dpo, breach.id)).allowedActions).toEqual(['add_note', 'decide_breach']);
      expect((await concerns.get(manager, breach.id)).allowedActions).toEqual(['add_note', 'assign', 'seek_hr_advice', 'decide_breach']);
      await expect(concerns.resolve(manager, breach.id, 'done')).rejects.toBeInstanceOf(BreachUndecidedError);

      const decided = await concerns.decideBreach(dpo, breach.id, { decision: 'not_reportable', decisionReason: 'no harm' });
      expect(decided.status).toBe('investigating');
      const resolved = await concerns.resolve(manager, breach.id, 'apologised');
      expect(resolved.status).toBe('resolved');
      expect(resolved.allowedActions).toEqual([]);
      await expect(concerns.addNote(manager, breach.id, 'more')).rejects.toMatchObject({ code: 'INVALID_STATE', message: 'A concern that is resolved cannot take a note.' });
    });
  });
});
