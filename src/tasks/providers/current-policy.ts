import { EntityManager, LessThanOrEqual } from 'typeorm';
import { Policy } from '../../policy/policy.entity';

/** The policy in force now (as PolicyService.findCurrent decides). */
export const currentPolicy = (manager: EntityManager, nowIso: string): Promise<Policy | null> =>
  manager.getRepository(Policy).findOne({ where: { effectiveFrom: LessThanOrEqual(nowIso) }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
