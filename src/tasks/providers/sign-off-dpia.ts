import { EntityManager, In } from 'typeorm';
import { Account } from '../../accounts/account.entity';
import { Permission } from '../../auth/permissions';
import { Dpia } from '../../dpia/dpia.entity';
import { AssignedTask, Task, TASKS_PER_KIND, TaskProvider } from '../task';
import { activeWith, grants, subjectOf } from './people';
import { DPIA_LIFECYCLE } from '../../dpia/dpia-lifecycle';

interface Awaiting {
  id: string;
  accountId: string;
  accountName: string;
  since: string;
  submittedById: string | null;
  contributorIds: string;
}

function awaiting(manager: EntityManager) {
  return manager
    .getRepository(Dpia)
    .createQueryBuilder('p')
    .innerJoin(Account, 'a', 'a.id = p.accountId')
    .select(['p.id AS id', 'p.accountId AS "accountId"', 'a.name AS "accountName"', 'p.submittedAt AS since', 'p.submittedById AS "submittedById"', 'p.contributorIds AS "contributorIds"'])
    .where('p.status IN (:...awaiting)', { awaiting: DPIA_LIFECYCLE.statesAllowing('approve') });
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
    const rows = await manager.getRepository(Dpia).find({ where: { accountId: In(accountIds) }, select: { id: true, accountId: true }, order: { version: 'DESC' } });
    // Each account's five newest versions.
    const newest = new Map<string, string[]>();
    for (const row of rows) {
      const ids = newest.get(row.accountId) ?? [];
      if (ids.length < 5) newest.set(row.accountId, [...ids, row.id]);
    }
    return [...newest.values()].flat();
  },
  async assignees(manager, subjectIds) {
    const rows = await awaiting(manager).andWhere('p.id IN (:...ids)', { ids: subjectIds }).getRawMany<Awaiting>();
    if (rows.length === 0) return [];
    const dpos = await activeWith(manager, Permission.DpiaSignOff);
    return rows.flatMap((row) => dpos.filter((dpo) => !mayNotSign(row).includes(dpo.id)).map((dpo): AssignedTask => ({ ...toTask(row), staffId: dpo.id })));
  },
};
