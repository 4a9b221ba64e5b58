import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { StaffMember } from '../staff/staff.entity';
import { InvalidTransferTargetError } from './offboarding-errors';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';

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
  /** For the request: an explicitly chosen target must be another active staff member now. */
  async requireValid(manager: EntityManager, leaverId: string, transferToId: string, nowIso: string): Promise<StaffMember> {
    const target = await manager.getRepository(StaffMember).findOneBy({ id: transferToId });
    if (!target || target.id === leaverId || !target.hasAccessAt(nowIso)) throw new InvalidTransferTargetError();
    return target;
  }

  /** At the moment the effects apply; a chosen target who has since left falls back to the defaults. */
  async plan(manager: EntityManager, leaver: StaffMember, chosenId: string | null, actorId: string | null, nowIso: string): Promise<TransferPlan> {
    const repository = manager.getRepository(StaffMember);
    const usable = (staff: StaffMember | null): staff is StaffMember => staff !== null && staff.id !== leaver.id && staff.hasAccessAt(nowIso);
    for (const id of [chosenId, leaver.lineManagerId]) {
      if (id === null) continue;
      const candidate = await repository.findOneBy({ id });
      if (usable(candidate)) return { targetId: candidate.id, fallbackId: null };
    }
    const actor = actorId ? await repository.findOneBy({ id: actorId }) : null;
    if (usable(actor)) return { targetId: null, fallbackId: actor.id };
    const admins = await repository.find({ where: { status: In(STAFF_LIFECYCLE.statesAllowing('offboard')) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const admin = admins.find((staff) => staff.hasRole('admin') && usable(staff)) ?? null;
    return { targetId: null, fallbackId: admin?.id ?? null };
  }
}
