import { Permission } from '../../auth/permissions';
import { decideBreachTasks } from '../../concerns/concern-tasks';
import { concernTask } from './concern-task-provider';

const decideFor = Permission.ConcernBreachDecide;

/** The DPO and managers, on each undecided breach as its ICO deadline nears; time alone brings it. */
export const decideBreach = concernTask(
  'decide_breach',
  decideFor,
  (manager, caller, nowIso) => decideBreachTasks(manager, caller, new Date(nowIso)),
  async (manager, nowIso) => (await decideBreachTasks(manager, { staffId: '', sessionId: '', roles: ['dpo'] }, new Date(nowIso))).map((task) => task.subjectId),
);
