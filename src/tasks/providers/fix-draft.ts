import { AssignedTask, Task, TaskProvider } from '../task';
import { DraftFacts, draftPath, draftsIn } from './draft-tasks';
import { idsIn, named, subjectOf } from './people';

const toTask = (draft: DraftFacts & { status?: string }, changesRequested: boolean): Task => ({
  kind: 'fix_draft',
  subjectType: 'draft',
  subjectId: draft.id,
  title: changesRequested ? `Changes were asked for on your post for ${draft.accountName}` : `A post for ${draft.accountName} was handed over to you`,
  since: draft.since,
  path: draftPath(draft.id),
});

/** The owner's: a post sent back with changes requested, or an unfinished one handed over from a leaver. */
export const fixDraft: TaskProvider = {
  kind: 'fix_draft',
  async waitingOn(manager, person) {
    const sentBack = await draftsIn(manager, ['changes_requested'], (query) => query.andWhere('d.ownerId = :me', { me: person.id }));
    const handedOver = await draftsIn(manager, ['draft'], (query) => query.andWhere('d.ownerId = :me AND d.authorId <> :me', { me: person.id }));
    return [...sentBack.map((draft) => toTask(draft, true)), ...handedOver.map((draft) => toTask(draft, false))];
  },
  // A leaver's drafts move in bulk; the offboarding names them.
  touchedBy: named((event) => [...subjectOf(event, 'draft'), ...(event.action === 'staff.offboarded' ? [...idsIn(event.details?.draftsTransferred), ...idsIn(event.details?.submissionsReturned)] : [])]),
  async assignees(manager, subjectIds) {
    const found: AssignedTask[] = [];
    for (let i = 0; i < subjectIds.length; i += 500) {
      const ids = subjectIds.slice(i, i + 500);
      const sentBack = await draftsIn(manager, ['changes_requested'], (query) => query.andWhere('d.id IN (:...ids)', { ids }));
      const handedOver = await draftsIn(manager, ['draft'], (query) => query.andWhere('d.id IN (:...ids) AND d.ownerId <> d.authorId', { ids }));
      found.push(...sentBack.map((draft) => ({ ...toTask(draft, true), staffId: draft.ownerId })), ...handedOver.map((draft) => ({ ...toTask(draft, false), staffId: draft.ownerId })));
    }
    return found;
  },
};
