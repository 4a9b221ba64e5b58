import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, LessThanOrEqual, Repository } from 'typeorm';
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
  inEffectAt(nowIso: string, manager?: EntityManager): Promise<Policy | null> {
    return this.policies(manager).findOne({ where: { effectiveFrom: LessThanOrEqual(nowIso) }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  acknowledgementOf(policyVersion: string, staffId: string): Promise<PolicyAcknowledgement | null> {
    return this.acknowledgements().findOneBy({ policyVersion, staffId });
  }

  hasAcknowledged(policyVersion: string, staffId: string, manager?: EntityManager): Promise<boolean> {
    return this.acknowledgements(manager).existsBy({ policyVersion, staffId });
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
}
