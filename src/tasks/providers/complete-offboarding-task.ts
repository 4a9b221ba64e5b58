import { EntityManager } from 'typeorm';
import { Permission } from '../../auth/permissions';
import { OffboardingsRepository } from '../../offboarding/offboardings.repository';
import { Task, TASKS_PER_KIND, TaskProvider } from '../task';
import { activeWith, grants, named, subjectOf } from './people';

interface Open {
  id: string;
  staffId: string;
  accountName: string;
  since: string;
}

function open(manager: EntityManager) {
  return OffboardingsRepository.openTasksWithAccount(manager).select(['t.id AS id', 't.staffId AS "staffId"', 'a.name AS "accountName"', 't.createdAt AS since']);
}

// The leaver's name stays out of the title: the link leads to their page.
const toTask = (row: Open): Task => ({
  kind: 'complete_offboarding_task',
  subjectType: 'offboarding_task',
  subjectId: row.id,
  title: `Remove a leaver's admin rights on ${row.accountName}`,
  since: row.since,
  path: `/staff/${row.staffId}`,
});

export const completeOffboardingTask: TaskProvider = {
  kind: 'complete_offboarding_task',
  async waitingOn(manager, person) {
    if (!grants(person, Permission.OffboardingTaskComplete)) return [];
    return (await open(manager).orderBy('since', 'ASC').limit(TASKS_PER_KIND).getRawMany<Open>()).map(toTask);
  },
  touchedBy: named((event) => {
    if (event.action !== 'staff.offboarded') return subjectOf(event, 'offboarding_task');
    const tasks = event.details?.tasks;
    return Array.isArray(tasks) ? tasks.map((task: { id?: unknown }) => task.id).filter((id): id is string => typeof id === 'string') : [];
  }),
  async assignees(manager, subjectIds) {
    const rows = await open(manager).andWhere('t.id IN (:...ids)', { ids: subjectIds }).getRawMany<Open>();
    if (rows.length === 0) return [];
    const people = await activeWith(manager, Permission.OffboardingTaskComplete);
    return rows.flatMap((row) => people.map((person) => ({ ...toTask(row), staffId: person.id })));
  },
};
