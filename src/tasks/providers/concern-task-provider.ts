import { EntityManager } from 'typeorm';
import { Caller } from '../../auth/caller';
import { Permission } from '../../auth/permissions';
import { ConcernTask } from '../../concerns/concern-tasks';
import { AssignedTask, TASKS_PER_KIND, TaskKind, TaskPerson, TaskProvider } from '../task';
import { activeWith, named, subjectOf } from './people';

type ConcernTaskQuery = (manager: EntityManager, caller: Caller, nowIso: string) => Promise<ConcernTask[]>;

// The concerns module decides who has which concern task; a person is a caller without a session here.
const asCaller = (person: TaskPerson): Caller => ({ staffId: person.id, sessionId: '', roles: [...person.roles] });

/** A task kind that the concerns module computes for a person (triage_concern, decide_breach). */
export function concernTask(kind: TaskKind, holders: Permission, tasksOf: ConcernTaskQuery, dueSubjects?: TaskProvider['dueSubjects']): TaskProvider {
  return {
    kind,
    async waitingOn(manager, person, nowIso) {
      return (await tasksOf(manager, asCaller(person), nowIso)).slice(0, TASKS_PER_KIND);
    },
    touchedBy: named((event) => subjectOf(event, 'concern')),
    async assignees(manager, subjectIds, nowIso) {
      const wanted = new Set(subjectIds);
      // Who has a concern task depends only on roles: the tasks are read once per set of roles, not once per person.
      const byRoles = new Map<string, Promise<ConcernTask[]>>();
      const assigned: AssignedTask[] = [];
      for (const person of await activeWith(manager, holders)) {
        const roles = [...person.roles].sort().join(',');
        if (!byRoles.has(roles)) byRoles.set(roles, tasksOf(manager, asCaller(person), nowIso));
        for (const task of await byRoles.get(roles)!) if (wanted.has(task.subjectId)) assigned.push({ ...task, staffId: person.id });
      }
      return assigned;
    },
    ...(dueSubjects ? { dueSubjects } : {}),
  };
}
