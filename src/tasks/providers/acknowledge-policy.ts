import { Policy } from '../../policy/policy.entity';
import { PolicyRepository } from '../../policy/policy.repository';
import { StaffRepository } from '../../staff/staff.repository';
import { Task, TaskProvider } from '../task';
import { subjectOf } from './people';

const toTask = (policy: Policy): Task => ({
  kind: 'acknowledge_policy',
  subjectType: 'policy',
  subjectId: policy.version,
  title: `Read and acknowledge the social media policy (version ${policy.version})`,
  since: policy.effectiveFrom,
  path: '/policy',
});

/** Everyone active reads and acknowledges the policy in force. */
export const acknowledgePolicy: TaskProvider = {
  kind: 'acknowledge_policy',
  async waitingOn(manager, person, nowIso) {
    const policy = await PolicyRepository.inEffectAt(manager, nowIso);
    if (!policy) return [];
    const done = await PolicyRepository.hasAcknowledged(manager, policy.version, person.id);
    return done ? [] : [toTask(policy)];
  },
  // A new policy, an acknowledgement, or a new colleague (who has yet to read it).
  async touchedBy(manager, events, nowIso) {
    const touched = events.flatMap((event) => subjectOf(event, 'policy'));
    // Someone new has the policy in effect to read.
    if (!events.some((event) => event.subjectType !== 'policy' && event.action === 'staff.created')) return touched;
    const policy = await PolicyRepository.inEffectAt(manager, nowIso);
    return policy ? [...touched, policy.version] : touched;
  },
  async assignees(manager, subjectIds, nowIso) {
    const policy = await PolicyRepository.inEffectAt(manager, nowIso);
    if (!policy || !subjectIds.includes(policy.version)) return [];
    // Staff are counted in hundreds, not millions: one pass over the active ones.
    const ids = await StaffRepository.presentIdsNotAcknowledging(manager, policy.version);
    return ids.map((staffId) => ({ ...toTask(policy), staffId }));
  },
  async dueSubjects(manager, nowIso) {
    const policy = await PolicyRepository.inEffectAt(manager, nowIso);
    return policy ? [policy.version] : [];
  },
};
