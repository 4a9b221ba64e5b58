import { Permission } from '../../auth/permissions';
import { DraftStatus } from '../../drafts/draft-lifecycle';
import { Task, TaskKind, TaskProvider } from '../task';
import { DraftFacts, draftPath, draftsIn } from './draft-tasks';
import { activeWith, grants, named, subjectOf } from './people';

/** A task every holder of `permission` has on each draft in `status` (held, unconfirmed posts). */
export function managerDraftTask(kind: TaskKind, status: DraftStatus, permission: Permission, title: (accountName: string) => string): TaskProvider {
  const toTask = (draft: DraftFacts): Task => ({ kind, subjectType: 'draft', subjectId: draft.id, title: title(draft.accountName), since: draft.since, path: draftPath(draft.id) });
  return {
    kind,
    async waitingOn(manager, person) {
      if (!grants(person, permission)) return [];
      return (await draftsIn(manager, [status], () => undefined)).map(toTask);
    },
    touchedBy: named((event) => subjectOf(event, 'draft')),
    async assignees(manager, subjectIds) {
      const drafts = await draftsIn(manager, [status], (query) => query.andWhere('d.id IN (:...ids)', { ids: subjectIds }));
      if (drafts.length === 0) return [];
      const people = await activeWith(manager, permission);
      return drafts.flatMap((draft) => people.map((person) => ({ ...toTask(draft), staffId: person.id })));
    },
  };
}
