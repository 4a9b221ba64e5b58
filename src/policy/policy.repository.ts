import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, LessThanOrEqual, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { PolicyAcknowledgement } from './policy-acknowledgement.entity';
import { Policy } from './policy.entity';

/** Policy versions and who acknowledged which, in the current transaction (or outside one). */
@Injectable()
export class PolicyRepository {
  constructor(private readonly transactions: Transactions) {}

  private policies(manager: EntityManager = this.transactions.manager): Repository<Policy> {
    return manager.getRepository(Policy);
  }

  private acknowledgements(manager: EntityManager = this.transactions.manager): Repository<PolicyAcknowledgement> {
    return manager.getRepository(PolicyAcknowledgement);
  }

  versionExists(version: string): Promise<boolean> {
    return this.policies().existsBy({ version });
  }

  build(fields: DeepPartial<Policy>): Policy {
    return this.policies().create(fields);
  }

  async insert(policy: Policy): Promise<void> {
    await this.policies().insert(policy);
  }

  /** The newest policy in effect at `nowIso` (of two taking effect together, the one created last). */
  inEffectAt(nowIso: string, manager: EntityManager = this.transactions.manager): Promise<Policy | null> {
    return PolicyRepository.inEffectAt(manager, nowIso);
  }

  acknowledgementOf(policyVersion: string, staffId: string): Promise<PolicyAcknowledgement | null> {
    return this.acknowledgements().findOneBy({ policyVersion, staffId });
  }

  hasAcknowledged(policyVersion: string, staffId: string, manager: EntityManager = this.transactions.manager): Promise<boolean> {
    return PolicyRepository.hasAcknowledged(manager, policyVersion, staffId);
  }

  /** These people's acknowledgements, oldest first. `manager` for callers that hold their own. */
  acknowledgementsBy(staffIds: string[], manager?: EntityManager): Promise<PolicyAcknowledgement[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return this.acknowledgements(manager).find({ where: { staffId: In(staffIds) }, order: { acknowledgedAt: 'ASC' } });
  }

  async deleteAcknowledgementsBy(staffId: string, manager?: EntityManager): Promise<void> {
    await this.acknowledgements(manager).delete({ staffId });
  }

  acknowledgementsOf(policyVersion: string): Promise<PolicyAcknowledgement[]> {
    return this.acknowledgements().findBy({ policyVersion });
  }

  /** Ids of everyone who acknowledged the version. */
  async acknowledgerIdsOf(policyVersion: string): Promise<Set<string>> {
    return new Set((await this.acknowledgements().find({ where: { policyVersion }, select: { staffId: true } })).map((row) => row.staffId));
  }

  buildAcknowledgement(fields: DeepPartial<PolicyAcknowledgement>): PolicyAcknowledgement {
    return this.acknowledgements().create(fields);
  }

  async insertAcknowledgement(row: PolicyAcknowledgement): Promise<void> {
    await this.acknowledgements().insert(row);
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  static inEffectAt(manager: EntityManager, nowIso: string): Promise<Policy | null> {
    return manager.getRepository(Policy).findOne({ where: { effectiveFrom: LessThanOrEqual(nowIso) }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  static hasAcknowledged(manager: EntityManager, policyVersion: string, staffId: string): Promise<boolean> {
    return manager.getRepository(PolicyAcknowledgement).existsBy({ policyVersion, staffId });
  }

  /** The `limit` newest versions, newest first. */
  static async newestVersions(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await manager.getRepository(Policy).find({ select: { version: true }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' }, take: limit });
    return rows.map((row) => row.version);
  }
}
