import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { InvalidTransferTargetError } from './offboarding-errors';

/**
 * Who takes over a leaver's drafts: the one chosen, else their line manager while active, else each
 * draft's account owner (decided per draft in SQL). `fallbackId` covers an account whose owner is the
 * leaver or no longer active: the admin acting, else the longest-serving active admin.
 */
export interface TransferPlan {
  targetId: string | null;
  fallbackId: string | null;
}

@Injectable()
export class TransferTargets {
  constructor(private readonly staff: StaffRepository) {}

  /** For the request: an explicitly chosen target must be another active staff member now. */
  async requireValid(manager: EntityManager, leaverId: string, transferToId: string, nowIso: string): Promise<StaffMember> {
    const target = await this.staff.findById(transferToId, manager);
    if (!target || target.id === leaverId || !target.hasAccessAt(nowIso)) throw new InvalidTransferTargetError();
    return target;
  }

  /** At the moment the effects apply; a chosen target who has since left falls back to the defaults. */
  async plan(manager: EntityManager, leaver: StaffMember, chosenId: string | null, actorId: string | null, nowIso: string): Promise<TransferPlan> {
    const usable = (staff: StaffMember | null): staff is StaffMember => staff !== null && staff.id !== leaver.id && staff.hasAccessAt(nowIso);
    for (const id of [chosenId, leaver.lineManagerId]) {
      if (id === null) continue;
      const candidate = await this.staff.findById(id, manager);
      if (usable(candidate)) return { targetId: candidate.id, fallbackId: null };
    }
    const actor = actorId ? await this.staff.findById(actorId, manager) : null;
    if (usable(actor)) return { targetId: null, fallbackId: actor.id };
    const admins = await this.staff.notLeft(undefined, manager);
    const admin = admins.find((staff) => staff.hasRole('admin') && usable(staff)) ?? null;
    return { targetId: null, fallbackId: admin?.id ?? null };
  }
}
