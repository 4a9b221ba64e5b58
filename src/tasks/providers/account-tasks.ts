import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Account } from '../../accounts/account.entity';
import { AccountsRepository } from '../../accounts/accounts.repository';
import { Permission } from '../../auth/permissions';
import { Task, TaskKind, TASKS_PER_KIND, TaskProvider } from '../task';
import { activeWith, grants, named, subjectOf } from './people';

export interface AccountFacts {
  id: string;
  name: string;
  since: string;
}

interface AccountTaskShape {
  kind: TaskKind;
  permission: Permission;
  /** Narrows `accounts a` to those with the task; `now` is the request's time. */
  where: (query: SelectQueryBuilder<Account>, nowIso: string) => void;
  since: string;
  title: (account: AccountFacts) => string;
  path: (account: AccountFacts) => string;
  touchedBy?: TaskProvider['touchedBy'];
  dueSubjects?: TaskProvider['dueSubjects'];
}

/** A task every holder of a permission has on each account in some state. */
export function accountTask(shape: AccountTaskShape): TaskProvider {
  const find = (manager: EntityManager, nowIso: string, ids?: string[]) =>
    AccountsRepository.withSince<AccountFacts>(manager, shape.since, (query) => shape.where(query, nowIso), ids, TASKS_PER_KIND);
  const toTask = (account: AccountFacts): Task => ({ kind: shape.kind, subjectType: 'account', subjectId: account.id, title: shape.title(account), since: account.since, path: shape.path(account) });
  return {
    kind: shape.kind,
    async waitingOn(manager, person, nowIso) {
      if (!grants(person, shape.permission)) return [];
      return (await find(manager, nowIso)).map(toTask);
    },
    touchedBy: shape.touchedBy ?? named((event) => subjectOf(event, 'account')),
    async assignees(manager, subjectIds, nowIso) {
      const accounts = await find(manager, nowIso, subjectIds);
      if (accounts.length === 0) return [];
      const people = await activeWith(manager, shape.permission);
      return accounts.flatMap((account) => people.map((person) => ({ ...toTask(account), staffId: person.id })));
    },
    dueSubjects: shape.dueSubjects,
  };
}
