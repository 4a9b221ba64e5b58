import { EntityManager } from 'typeorm';
import { DomainEvent } from '../common/domain-events';
import { Role } from '../staff/role';

export type TaskKind =
  | 'approve_post'
  | 'confirm_post'
  | 'reconcile_post'
  | 'sign_off_dpia'
  | 'activate_account'
  | 'give_consent'
  | 'fix_draft'
  | 'acknowledge_policy'
  | 'reconnect_account'
  | 'complete_offboarding_task'
  | 'review_dpia'
  | 'review_policy'
  | 'triage_concern'
  | 'decide_breach';

/** What waits on someone; `path` is the web app's page for it. */
export interface Task {
  kind: TaskKind;
  subjectType: string;
  subjectId: string;
  title: string;
  since: string;
  path: string;
}

/** A task and the person it waits on. */
export interface AssignedTask extends Task {
  staffId: string;
}

export interface TaskPerson {
  id: string;
  roles: readonly Role[];
}

/** Each kind's task list is capped: a person's to-do list is a page, not a report. */
export const TASKS_PER_KIND = 100;

/**
 * One kind of task. `waitingOn` answers the to-do list; `touchedBy` and `assignees` let the mail listener find,
 * inside a change's transaction, who has this kind of task on what the change touched; `dueSubjects` finds the
 * subjects that time alone brings into a task (a review falling due). Every query is by index and bounded.
 */
export interface TaskProvider {
  kind: TaskKind;
  waitingOn(manager: EntityManager, person: TaskPerson, nowIso: string): Promise<Task[]>;
  /** The task subjects these changes (written together) may have opened or closed a task on, in a fixed number of queries however many they are. */
  touchedBy(manager: EntityManager, events: DomainEvent[], nowIso: string): Promise<string[]>;
  /** Everyone who has this kind of task on these subjects now. */
  assignees(manager: EntityManager, subjectIds: string[], nowIso: string): Promise<AssignedTask[]>;
  /** Subjects that reach a task by the passing of time; absent for kinds only changes bring. */
  dueSubjects?(manager: EntityManager, nowIso: string): Promise<string[]>;
}

export const byOldest = (a: Task, b: Task): number => a.since.localeCompare(b.since) || a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId);
export const assignedToTask = ({ staffId: _staffId, ...task }: AssignedTask): Task => task;
