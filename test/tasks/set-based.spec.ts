import { In } from 'typeorm';
import { countStatements, draftRows, insertAll } from '../../bench/offboarding-seed';
import { Transactions } from '../../src/common/database/transactions';
import { DomainEvents } from '../../src/common/domain-events';
import { WritePath } from '../../src/common/write-path/write-path';
import { ContentRulesStore } from '../../src/content-checks/rules-store/content-rules-store';
import { DRAFT_LIFECYCLE } from '../../src/drafts/draft-lifecycle';
import { Draft } from '../../src/drafts/draft.entity';
import { TaskMailListener } from '../../src/tasks/task-mail-listener';
import { QUIET_PUBLISHING, Stage, stage } from '../drafts/support';
import { TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * A set-based change of N drafts is heard once by each in-transaction listener (consent, tasks and their mail),
 * which answers it in a number of statements that does not grow with N: the tasks it opens (fix_draft for each
 * draft sent back) and the author's news (each rejection) are read and written for the batch at once.
 */
describe('the in-transaction listeners are set-based', () => {
  let t: TestApp;
  let s: Stage;
  beforeAll(async () => {
    t = await TestApp.start({ ...QUIET_PUBLISHING, GATEHOUSE_LOG_LEVEL: 'error' });
    // The content rules' once-a-second re-read would land in a slow run's count and not a fast one's.
    t.app.get(ContentRulesStore).onModuleDestroy();
    s = await stage(t);
  });
  afterAll(() => t.close());

  /** `n` submitted drafts sent back and `n` rejected, in one transaction of two transitionMany calls. */
  async function reviewMany(n: number) {
    const author = await t.newStaff(['staff']);
    const rows = draftRows({ staffId: author.id, accountIds: [s.account.id], drafts: 2 * n, nowIso: t.now().toISOString(), statuses: ['submitted'] });
    await insertAll(t.dataSource, Draft, rows, 500);
    const drafts = await t.dataSource.getRepository(Draft).findBy({ id: In(rows.map((row) => row.id)) });
    const [sentBack, rejected] = [drafts.slice(0, n), drafts.slice(n)];
    const heard = jest.spyOn(t.app.get(TaskMailListener), 'onChanges');
    const writePath = t.app.get(WritePath);
    const { statements } = await countStatements(t.dataSource, () =>
      t.app.get(Transactions).run(async (manager) => {
        await writePath.transitionMany(manager, DRAFT_LIFECYCLE, sentBack, 'request_changes', { actorId: s.manager.id });
        await writePath.transitionMany(manager, DRAFT_LIFECYCLE, rejected, 'reject', { actorId: s.manager.id });
      }),
    );
    const batches = heard.mock.calls.filter(([, events]) => events.some((event) => event.subjectType === 'draft')).map(([, events]) => events.length);
    heard.mockRestore();
    const notices = await t.dataSource.query(`SELECT COUNT(*) AS n FROM task_notices WHERE "staffId" = '${author.id}' AND kind = 'fix_draft'`);
    const news = await t.dataSource.query(`SELECT kind, COUNT(*) AS n FROM notifications WHERE "recipientStaffId" = '${author.id}' AND (kind = 'fix_draft' OR kind LIKE 'post_%') GROUP BY kind ORDER BY kind`);
    return { statements, batches, notices: Number(notices[0].n), news: Object.fromEntries(news.map((row: { kind: string; n: string | number }) => [row.kind, Number(row.n)])) };
  }

  it('sends the same number of statements for 6 drafts as for 90, and does the work for each', async () => {
    const small = await reviewMany(3);
    // Under 200 subjects a kind: the tasks are reconciled 200 subjects a round.
    const large = await reviewMany(45);
    expect(large.statements.length).toBe(small.statements.length);
    // Each transitionMany is heard once, with all its drafts.
    expect(large.batches).toEqual([45, 45]);
    expect(large.notices).toBe(45);
    // The author who owns a post sent back hears of it through the fix_draft task only: one notification, not two.
    expect(large.news).toEqual({ fix_draft: 45, post_rejected: 45 });
  });

  it('hears the batch once in each listener, the subjects’ own follow-ups before the tasks', async () => {
    const events = new DomainEvents();
    const heard: string[] = [];
    events.subscribeLast(async (_manager, batch) => void heard.push(`last:${batch.length}`));
    events.subscribe(async (_manager, batch) => void heard.push(`first:${batch.length}`));
    const change = { actorId: null, action: 'draft.withdrawn', subjectType: 'draft', subjectId: 'd' };
    await events.publishMany(t.dataSource.manager, [change, change, change]);
    expect(heard).toEqual(['first:3', 'last:3']);
  });
});
