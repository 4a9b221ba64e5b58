import { Permission } from '../../auth/permissions';
import { addMs, DAY } from '../../common/time';
import { Policy } from '../../policy/policy.entity';
import { PolicyRepository } from '../../policy/policy.repository';
import { Task, TaskProvider } from '../task';
import { activeWith, grants, subjectOf } from './people';

const WINDOW_MS = 30 * DAY;

const toTask = (policy: Policy): Task => ({
  kind: 'review_policy',
  subjectType: 'policy',
  subjectId: policy.version,
  title: `Review the social media policy (version ${policy.version}): it is due`,
  since: addMs(policy.reviewDueAt, -WINDOW_MS),
  path: '/policy',
});

const dueNow = async (manager: Parameters<TaskProvider['waitingOn']>[0], nowIso: string): Promise<Policy | null> => {
  const policy = await PolicyRepository.inEffectAt(manager, nowIso);
  return policy && policy.reviewDueAt <= addMs(nowIso, WINDOW_MS) ? policy : null;
};

/** The policy in force must be reviewed within 30 days (or is overdue). */
export const reviewPolicy: TaskProvider = {
  kind: 'review_policy',
  async waitingOn(manager, person, nowIso) {
    if (!grants(person, Permission.PolicyCreate)) return [];
    const policy = await dueNow(manager, nowIso);
    return policy ? [toTask(policy)] : [];
  },
  // A new version replaces the one due: the old one's task ends.
  touchedBy: async (manager, events) => {
    const touched = events.flatMap((event) => subjectOf(event, 'policy'));
    if (touched.length === 0) return [];
    const previous = await PolicyRepository.newestVersions(manager, 3);
    return [...new Set([...touched, ...previous])];
  },
  async assignees(manager, subjectIds, nowIso) {
    const policy = await dueNow(manager, nowIso);
    if (!policy || !subjectIds.includes(policy.version)) return [];
    return (await activeWith(manager, Permission.PolicyCreate)).map((person) => ({ ...toTask(policy), staffId: person.id }));
  },
  async dueSubjects(manager, nowIso) {
    const policy = await dueNow(manager, nowIso);
    return policy ? [policy.version] : [];
  },
};
