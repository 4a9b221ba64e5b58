import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DraftStatus } from '../../drafts/draft-lifecycle';
import { Draft } from '../../drafts/draft.entity';
import { DraftsRepository } from '../../drafts/drafts.repository';
import { TASKS_PER_KIND } from '../task';

/** What a draft task needs to know of its draft: never its text. */
export interface DraftFacts {
  id: string;
  authorId: string;
  ownerId: string;
  revisionId: string;
  accountName: string;
  since: string;
}

/** Drafts in these statuses with their account's name, oldest change first; `narrow` adds conditions. */
export async function draftsIn(
  manager: EntityManager,
  statuses: DraftStatus[],
  narrow: (query: SelectQueryBuilder<Draft>) => void,
): Promise<DraftFacts[]> {
  const query = DraftsRepository.withAccountIn(manager, statuses).select([
    'd.id AS id',
    'd.authorId AS "authorId"',
    'd.ownerId AS "ownerId"',
    'd.currentRevisionId AS "revisionId"',
    'a.name AS "accountName"',
    'COALESCE(d.submittedAt, d.updatedAt) AS since',
  ]);
  narrow(query);
  return query.orderBy('since', 'ASC').addOrderBy('d.id', 'ASC').limit(TASKS_PER_KIND).getRawMany<DraftFacts>();
}

export const draftPath = (id: string): string => `/drafts/${id}`;
