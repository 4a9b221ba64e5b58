import { EntityManager } from 'typeorm';
import { DomainEvent } from '../../common/domain-events';
import { ConsentRequestsRepository } from '../../consent/consent-requests.repository';
import { AssignedTask, TASKS_PER_KIND, TaskProvider } from '../task';
import { subjectOf } from './people';

interface Pending {
  id: string;
  staffId: string;
  accountName: string;
  since: string;
}

/** Pending requests on drafts still going somewhere (as the consent page lists them). */
function pending(manager: EntityManager) {
  return ConsentRequestsRepository.pendingOnOpenDrafts(manager).select(['c.id AS id', 'c.staffId AS "staffId"', 'a.name AS "accountName"', 'c.createdAt AS since']);
}

const toTask = (row: Pending): AssignedTask => ({
  kind: 'give_consent',
  subjectType: 'consent_request',
  subjectId: row.id,
  title: `A post for ${row.accountName} shows you: give or refuse consent`,
  since: row.since,
  path: '/consent',
  staffId: row.staffId,
});

/** The consent requests on the drafts these changes touched, a bounded query per 500 drafts. */
async function requestsOnDraftsOf(manager: EntityManager, events: DomainEvent[]): Promise<string[]> {
  const draftIds = [...new Set(events.flatMap((event) => subjectOf(event, 'draft')))];
  const ids: string[] = [];
  for (let i = 0; i < draftIds.length; i += 500) {
    const batch = draftIds.slice(i, i + 500);
    ids.push(...(await ConsentRequestsRepository.idsOnDrafts(manager, batch, 500 * batch.length)));
  }
  return ids;
}

/** The colleague a photo depicts decides whether it may be published. */
export const giveConsent: TaskProvider = {
  kind: 'give_consent',
  async waitingOn(manager, person) {
    const rows = await pending(manager).andWhere('c.staffId = :me', { me: person.id }).orderBy('since', 'ASC').limit(TASKS_PER_KIND).getRawMany<Pending>();
    return rows.map(toTask).map(({ staffId: _staffId, ...task }) => task);
  },
  // Requests are made and decided on a draft's changes.
  touchedBy: requestsOnDraftsOf,
  async assignees(manager, subjectIds) {
    const rows = await pending(manager).andWhere('c.id IN (:...ids)', { ids: subjectIds }).getRawMany<Pending>();
    return rows.map(toTask);
  },
};
