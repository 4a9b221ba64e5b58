import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WritePath } from '../common/write-path/write-path';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { addMonths } from '../common/time';
import { Transactions } from '../common/database/transactions';
import { StaffRepository } from '../staff/staff.repository';
import { CreatePolicyDto } from './dto/policy.dto';
import { NoPolicyError, PolicyNotAcknowledgedError, VersionExistsError } from './policy-errors';
import { Policy } from './policy.entity';
import { PolicyRepository } from './policy.repository';
import { PolicyView, toPolicyView } from './policy.view';

export interface AcknowledgementView {
  policyVersion: string;
  acknowledgedAt: string;
}

export interface AcknowledgementReport {
  policyVersion: string;
  acknowledged: { staffId: string; acknowledgedAt: string }[];
  outstanding: string[];
}

@Injectable()
export class PolicyService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly policies: PolicyRepository,
    private readonly staffRows: StaffRepository,
  ) {}

  async create(caller: Caller, dto: CreatePolicyDto): Promise<PolicyView> {
    const now = this.clock.now();
    const effectiveFrom = dto.effectiveFrom ? new Date(dto.effectiveFrom) : now;
    const reviewDueAt = dto.reviewDueAt ? new Date(dto.reviewDueAt) : addMonths(effectiveFrom, 12);
    if (reviewDueAt <= effectiveFrom) {
      throw new ValidationFailedError('The review date must come after the policy takes effect.', [{ field: 'reviewDueAt', problems: ['is not after effectiveFrom'] }]);
    }
    const policy = await this.transactions.run(async (manager) => {
      if (await this.policies.versionExists(dto.version)) throw new VersionExistsError(dto.version);
      const policy = this.policies.build({
        version: dto.version,
        title: dto.title,
        text: dto.text,
        effectiveFrom: effectiveFrom.toISOString(),
        reviewDueAt: reviewDueAt.toISOString(),
        createdById: caller.staffId,
        createdAt: now.toISOString(),
      });
      await this.policies.insert(policy);
      await this.writePath.record(manager, {
        actorId: caller.staffId,
        action: 'policy.created',
        subjectType: 'policy',
        subjectId: policy.version,
        details: { title: policy.title, effectiveFrom: policy.effectiveFrom, reviewDueAt: policy.reviewDueAt },
      });
      return policy;
    });
    return toPolicyView(policy);
  }

  /** The newest policy that has taken effect, or null when there is none. */
  async findCurrent(manager?: EntityManager): Promise<Policy | null> {
    return this.policies.inEffectAt(this.clock.nowIso(), manager);
  }

  async current(): Promise<PolicyView> {
    const policy = await this.findCurrent();
    if (!policy) throw new NoPolicyError();
    return toPolicyView(policy);
  }

  async acknowledge(caller: Caller): Promise<{ acknowledgement: AcknowledgementView; created: boolean }> {
    return this.transactions.run(async (manager) => {
      const policy = await this.findCurrent(manager);
      if (!policy) throw new NoPolicyError();
      const existing = await this.policies.acknowledgementOf(policy.version, caller.staffId);
      if (existing) return { acknowledgement: { policyVersion: existing.policyVersion, acknowledgedAt: existing.acknowledgedAt }, created: false };
      const row = this.policies.buildAcknowledgement({ id: newId(), policyVersion: policy.version, staffId: caller.staffId, acknowledgedAt: this.clock.nowIso() });
      await this.policies.insertAcknowledgement(row);
      await this.writePath.record(manager, { actorId: caller.staffId, action: 'policy.acknowledged', subjectType: 'policy', subjectId: policy.version });
      return { acknowledgement: { policyVersion: row.policyVersion, acknowledgedAt: row.acknowledgedAt }, created: true };
    });
  }

  async acknowledgementReport(): Promise<AcknowledgementReport> {
    const policy = await this.findCurrent();
    if (!policy) throw new NoPolicyError();
    const now = this.clock.nowIso();
    const active = (await this.staffRows.notLeft()).filter((staff) => staff.hasAccessAt(now));
    const acknowledgements = new Map((await this.policies.acknowledgementsOf(policy.version)).map((row) => [row.staffId, row.acknowledgedAt]));
    return {
      policyVersion: policy.version,
      acknowledged: active.filter((s) => acknowledgements.has(s.id)).map((s) => ({ staffId: s.id, acknowledgedAt: acknowledgements.get(s.id)! })),
      outstanding: active.filter((s) => !acknowledgements.has(s.id)).map((s) => s.id),
    };
  }

  /** Blocks work for someone who has not acknowledged the policy in effect; with no policy nothing blocks. */
  async requireAcknowledged(manager: EntityManager, staffId: string): Promise<void> {
    const version = await this.unacknowledgedBy(manager, staffId);
    if (version !== null) throw new PolicyNotAcknowledgedError(version);
  }

  /** The version of the policy in effect that `staffId` has not acknowledged, or null (acknowledged, or no policy). */
  async unacknowledgedBy(manager: EntityManager, staffId: string): Promise<string | null> {
    const policy = await this.findCurrent(manager);
    if (!policy) return null;
    const acknowledged = await this.policies.hasAcknowledged(policy.version, staffId, manager);
    return acknowledged ? null : policy.version;
  }
}
