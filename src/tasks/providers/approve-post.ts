import { EntityManager } from 'typeorm';
import { DraftApprovalsRepository } from '../../publishing/draft-approvals.repository';
import { Permission } from '../../auth/permissions';
import { AssignedTask, Task, TaskProvider } from '../task';
import { DraftFacts, draftPath, draftsIn } from './draft-tasks';
import { activeWith, grants, named, subjectOf } from './people';

const toTask = (draft: DraftFacts): Task => ({
  kind: 'approve_post',
  subjectType: 'draft',
  subjectId: draft.id,
  title: `Approve a post for ${draft.accountName}`,
  since: draft.since,
  path: draftPath(draft.id),
});

/** Managers other than the author and owner who have not yet approved this revision. */
export const approvePost: TaskProvider = {
  kind: 'approve_post',
  async waitingOn(manager, person) {
    if (!grants(person, Permission.DraftApprove)) return [];
    const drafts = await draftsIn(manager, ['submitted'], (query) =>
      query
        .andWhere('d.authorId <> :me AND d.ownerId <> :me', { me: person.id })
        .andWhere(`NOT EXISTS (SELECT 1 FROM draft_approvals x WHERE x."draftId" = d.id AND x."revisionId" = d."currentRevisionId" AND x."managerId" = :me AND x."voidedAt" IS NULL)`),
    );
    return drafts.map(toTask);
  },
  touchedBy: named((event) => subjectOf(event, 'draft')),
  async assignees(manager, subjectIds) {
    const drafts = await draftsIn(manager, ['submitted'], (query) => query.andWhere('d.id IN (:...ids)', { ids: subjectIds }));
    if (drafts.length === 0) return [];
    const managers = await activeWith(manager, Permission.DraftApprove);
    const approvals = await approvedBy(manager, drafts);
    return drafts.flatMap((draft) =>
      managers
        .filter((person) => person.id !== draft.authorId && person.id !== draft.ownerId && !approvals.has(`${draft.id}:${person.id}`))
        .map((person): AssignedTask => ({ ...toTask(draft), staffId: person.id })),
    );
  },
};

async function approvedBy(manager: EntityManager, drafts: DraftFacts[]): Promise<Set<string>> {
  const rows = await DraftApprovalsRepository.standingOfDrafts(manager, drafts.map((draft) => draft.id));
  const current = new Map(drafts.map((draft) => [draft.id, draft.revisionId]));
  return new Set(rows.filter((row) => current.get(row.draftId) === row.revisionId).map((row) => `${row.draftId}:${row.managerId}`));
}
