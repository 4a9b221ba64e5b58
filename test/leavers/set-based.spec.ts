import { randomUUID } from 'crypto';
import { ContentRulesStore } from '../../src/content-checks/rules-store/content-rules-store';
import { OffboardingService } from '../../src/offboarding/offboarding.service';
import { countStatements, MIXED_STATUSES, seedLeaverWork } from '../../bench/offboarding-seed';
import { bearer, TestApp } from '../support/test-app';
import { compliance, QUIET } from './support';

jest.setTimeout(120_000);

describe('offboarding is set-based', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(QUIET);
    // The content rules' once-a-second re-read would land in a slow run's count and not a fast one's.
    t.app.get(ContentRulesStore).onModuleDestroy();
  });
  afterAll(() => t.close());

  async function offboardWith(amount: { drafts: number; authorisations: number; sessions: number }) {
    const manager = await t.newStaff(['manager']);
    const leaver = await t.newStaff(['staff'], { lineManagerId: manager.id });
    const accountIds = Array.from({ length: 7 }, () => randomUUID());
    await seedLeaverWork(t.dataSource, { leaverId: leaver.id, accountIds, grantedById: manager.id, ...amount, nowIso: t.now().toISOString() });
    const adminId = await t.adminId();
    const { result, statements } = await countStatements(t.dataSource, () => t.app.get(OffboardingService).offboardAs(adminId, leaver.id, { reason: 'bench' }));
    expect(result.kind).toBe('completed');
    return { leaver, manager, result, statements };
  }

  it('sends the same number of statements for 16 drafts as for 400, and moves them all', async () => {
    const small = await offboardWith({ drafts: 16, authorisations: 3, sessions: 2 });
    const large = await offboardWith({ drafts: 400, authorisations: 120, sessions: 40 });
    expect(large.statements.length).toBe(small.statements.length);
    if (large.result.kind !== 'completed') throw new Error('not completed');
    const report = large.result.report;
    const perStatus = 400 / MIXED_STATUSES.length;
    expect(report.draftsTransferred).toHaveLength(2 * perStatus);
    expect(report.submissionsReturned).toHaveLength(perStatus);
    expect(report.postsHeld).toHaveLength(perStatus);
    expect(report.revokedAuthorisations).toHaveLength(120);
    // 40 seeded sessions plus the one newStaff signed in with.
    expect(report.sessionsRevoked).toBe(41);
    const owners = await t.dataSource.query(`SELECT "ownerId", status, COUNT(*) AS n FROM drafts WHERE "authorId" = '${large.leaver.id}' GROUP BY "ownerId", status ORDER BY status`);
    const byStatus = Object.fromEntries(owners.map((row: { ownerId: string; status: string; n: string | number }) => [`${row.status}:${row.ownerId === large.manager.id ? 'manager' : 'leaver'}`, Number(row.n)]));
    expect(byStatus).toEqual({
      'changes_requested:manager': perStatus,
      'draft:manager': 2 * perStatus, // its own drafts and the returned submissions
      'held:leaver': 2 * perStatus, // held before, and the scheduled posts now held
      'published:leaver': perStatus,
      'rejected:leaver': perStatus,
      'withdrawn:leaver': perStatus,
    });
    const events = await t.dataSource.query(`SELECT COUNT(*) AS n FROM draft_events e JOIN drafts d ON d.id = e."draftId" WHERE d."authorId" = '${large.leaver.id}'`);
    expect(Number(events[0].n)).toBe(4 * perStatus);
    const open = await t.dataSource.query(`SELECT COUNT(*) AS n FROM authorisations WHERE "staffId" = '${large.leaver.id}' AND "revokedAt" IS NULL`);
    expect(Number(open[0].n)).toBe(0);
    expect((await compliance(t)).leaversWithAccess).toEqual([]);
    const audit = await t.http.get(`/api/v1/audit?subjectId=${large.leaver.id}&action=staff.offboarded`).set(bearer(await t.adminToken()));
    expect(audit.body.items).toHaveLength(1);
  });
});
