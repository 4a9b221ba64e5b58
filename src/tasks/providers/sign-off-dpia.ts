import { EntityManager } from 'typeorm';
import { Permission } from '../../auth/permissions';
import { DpiaRepository } from '../../dpia/dpia.repository';
import { AssignedTask, Task, TASKS_PER_KIND, TaskProvider } from '../task';
import { activeWith, grants, subjectOf } from './people';

interface Awaiting {
  id: string;
  accountId: string;
  accountName: string;
  since: string;
  submittedById: string | null;
  contributorIds: string;
}

function awaiting(manager: EntityManager) {
  return DpiaRepository.awaitingSignOffWithAccount(manager).select([
    'p.id AS id',
    'p.accountId AS "accountId"',
    'a.name AS "accountName"',
    'p.submittedAt AS since',
    'p.submittedById AS "submittedById"',
    'p.contributorIds AS "contributorIds"',
  ]);
}

/** Whoever submitted or wrote the version may not sign it off. */
const mayNotSign = (row: Awaiting): string[] => [...(row.submittedById ? [row.submittedById] : []), ...(JSON.parse(row.contributorIds) as string[])];

const toTask = (row: Awaiting): Task => ({
  kind: 'sign_off_dpia',
  subjectType: 'dpia',
  subjectId: row.id,
  title: `Sign off the DPIA for ${row.accountName}`,
  since: row.since,
  path: `/accounts/${row.accountId}/dpia`,
});

export const signOffDpia: TaskProvider = {
  kind: 'sign_off_dpia',
  async waitingOn(manager, person) {
    if (!grants(person, Permission.DpiaSignOff)) return [];
    const rows = await awaiting(manager).orderBy('since', 'ASC').limit(TASKS_PER_KIND).getRawMany<Awaiting>();
    return rows.filter((row) => !mayNotSign(row).includes(person.id)).map(toTask);
  },
  // DPIA changes are audited on their account.
  async touchedBy(manager, events) {
    const accountIds = [...new Set(events.flatMap((event) => subjectOf(event, 'account')))];
    if (accountIds.length === 0) return [];
    return DpiaRepository.newestIdsOfEach(manager, accountIds, 5);
  },
  async assignees(manager, subjectIds) {
    const rows = await awaiting(manager).andWhere('p.id IN (:...ids)', { ids: subjectIds }).getRawMany<Awaiting>();
    if (rows.length === 0) return [];
    const dpos = await activeWith(manager, Permission.DpiaSignOff);
    return rows.flatMap((row) => dpos.filter((dpo) => !mayNotSign(row).includes(dpo.id)).map((dpo): AssignedTask => ({ ...toTask(row), staffId: dpo.id })));
  },
};
