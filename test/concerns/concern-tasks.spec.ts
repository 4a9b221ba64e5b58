import { Clock } from '../../src/common/clock';
import { decideBreachTasks, triageConcernTasks } from '../../src/concerns/concern-tasks';
import { bearer } from '../support/test-app';
import { useWorld } from '../support/world';
import { callerOf, ConcernCast, concernCast, raise } from './support';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;

describe('the triage_concern and decide_breach task functions', () => {
  const { t, s: c } = useWorld(concernCast, { GATEHOUSE_ROLE: 'api' });

  const triage = (who: keyof ConcernCast, roles: Parameters<typeof callerOf>[1]) => triageConcernTasks(t.dataSource.manager, callerOf(c[who], roles));
  const decide = (who: keyof ConcernCast, roles: Parameters<typeof callerOf>[1]) => decideBreachTasks(t.dataSource.manager, callerOf(c[who], roles), t.app.get(Clock).now());

  it('gives the Safeguarding Lead a task at once for a concern involving people we support, until it is resolved; managers while it is open', async () => {
    const concern = await raise(t, c.reporter, { kind: 'harassment', description: 'Comments about Mr Jones under our post.', involvesServiceUsers: true });
    const other = await raise(t, c.reporter, { kind: 'other', description: 'Nothing about people we support.' });
    const leadTasks = await triage('lead', ['safeguarding_lead']);
    expect(leadTasks).toEqual([
      { kind: 'triage_concern', subjectType: 'concern', subjectId: concern.id, title: 'Look into a concern about harassment involving people we support', since: concern.reportedAt, path: `/concerns/${concern.id}` },
    ]);
    expect((await triage('manager', ['manager'])).map((task) => task.subjectId)).toEqual([concern.id, other.id]);
    expect(await triage('reporter', ['staff'])).toEqual([]);
    expect(await triage('dpo', ['dpo'])).toEqual([]);
    expect(JSON.stringify([...leadTasks, ...(await triage('manager', ['manager']))])).not.toContain('Jones');

    // A manager's first step takes it off the managers' list; the Safeguarding Lead keeps it until it is resolved.
    expect((await t.http.post(`/api/v1/concerns/${concern.id}/notes`).set(bearer(c.manager.token)).send({ text: 'Hid the comments.' })).status).toBe(201);
    expect((await triage('manager', ['manager'])).map((task) => task.subjectId)).toEqual([other.id]);
    expect((await triage('lead', ['safeguarding_lead'])).map((task) => task.subjectId)).toEqual([concern.id]);
    expect((await t.http.post(`/api/v1/concerns/${concern.id}/resolve`).set(bearer(c.manager.token)).send({ outcome: 'Commenter blocked.' })).status).toBe(200);
    expect(await triage('lead', ['safeguarding_lead'])).toEqual([]);
  });

  it('gives the DPO and managers a decide_breach task from 24 hours before the ICO deadline, past it, and until it is decided', async () => {
    const breach = await raise(t, c.reporter, { kind: 'mistake', description: 'Emailed a care plan to the wrong family.', personalData: true });
    expect(await decide('dpo', ['dpo'])).toEqual([]);
    expect(await decide('manager', ['manager'])).toEqual([]);

    t.travel(47 * HOUR);
    expect(await decide('dpo', ['dpo'])).toEqual([]);
    t.travel(2 * HOUR);
    const deadline = breach.breach.icoDeadline as string;
    const expected = {
      kind: 'decide_breach',
      subjectType: 'concern',
      subjectId: breach.id,
      title: `Decide whether a personal data breach is reportable to the ICO by ${deadline.slice(0, 16).replace('T', ' ')} UTC`,
      since: new Date(Date.parse(deadline) - 24 * HOUR).toISOString(),
      path: `/concerns/${breach.id}`,
    };
    expect(await decide('dpo', ['dpo'])).toEqual([expected]);
    expect(await decide('manager', ['manager'])).toEqual([expected]);
    expect(await decide('lead', ['safeguarding_lead'])).toEqual([]);
    expect(await decide('reporter', ['staff'])).toEqual([]);

    t.travel(24 * HOUR);
    const late = await decide('dpo', ['dpo']);
    expect(late).toEqual([{ ...expected, title: 'Decide whether a personal data breach is reportable: the ICO deadline has passed' }]);
    expect(JSON.stringify(late)).not.toContain('care plan');

    const token = await t.login(c.dpo.email, c.dpo.password);
    const decided = await t.http.post(`/api/v1/concerns/${breach.id}/breach-decision`).set(bearer(token)).send({ decision: 'reportable', decisionReason: 'Health data of a person we support.', icoReference: 'IC-99' });
    expect(decided.status).toBe(200);
    expect(await decide('dpo', ['dpo'])).toEqual([]);
    expect(await decide('manager', ['manager'])).toEqual([]);
  });
});
