import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { InvalidStateError, NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { WritePath } from '../common/write-path/write-path';
import { LockKey, Transactions } from '../common/database/transactions';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { StaffView } from '../staff/staff.view';
import { CompleteOffboardingTaskDto, OffboardDto } from './dto/offboarding.dto';
import { LeaverEffects } from './leaver-effects';
import { OFFBOARDING_LIFECYCLE, OFFBOARDING_TASK_LIFECYCLE } from './offboarding-lifecycle';
import { AlreadyLeftError } from './offboarding-errors';
import { OffboardingsRepository } from './offboardings.repository';
import { TransferTargets } from './transfer-targets';
import { OffboardingPreviewView, OffboardingReportView, OffboardingTaskView, toReportView, toTaskView } from './offboarding.view';

export const IDENTITY_PROVIDER_REASON = 'identity provider';

export type OffboardResult = { kind: 'completed'; staff: StaffView; report: OffboardingReportView } | { kind: 'scheduled'; staff: StaffView };

export interface OffboardRequest {
  reason: string;
  effectiveAt?: string;
  transferToId?: string;
}

export type OffboardWithinResult = ({ kind: 'completed'; staffId: string; report: OffboardingReportView } | { kind: 'scheduled'; staffId: string }) & { entry: AuditEntry };

@Injectable()
export class OffboardingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly people: StaffRepository,
    private readonly offboardings: OffboardingsRepository,
    private readonly effects: LeaverEffects,
    private readonly targets: TransferTargets,
    private readonly access: Access,
    private readonly accounts: AccountsRepository,
  ) {}

  offboard(caller: Caller, staffId: string, dto: OffboardDto): Promise<OffboardResult> {
    return this.offboardAs(caller.staffId, staffId, dto, caller);
  }

  /**
   * Now (effects in this transaction) or at a future instant (access ends then; the job applies the effects).
   * A `caller`'s request is checked by the staff rules' `offboard`, the rule that offers it.
   */
  async offboardAs(actorId: string | null, staffId: string, request: OffboardRequest, caller?: Caller): Promise<OffboardResult> {
    const result = await this.transactions.run(async (manager) => {
      if (caller) {
        // The roster lock before the row, in the order offboardWithin takes them.
        await this.transactions.lock(manager, LockKey.AdminRoster);
        await this.access.require(caller, Permission.StaffOffboard, staffId, manager);
      }
      return this.offboardWithin(manager, actorId, staffId, request);
    });
    const staff = await this.staffView(result.staffId, caller ?? null);
    return result.kind === 'completed' ? { kind: 'completed', staff, report: result.report } : { kind: 'scheduled', staff };
  }

  /**
   * The same inside the caller's transaction (SCIM changes a user and offboards them in one); `cause` is
   * the entry of the request it is part of, when that request wrote one first.
   */
  async offboardWithin(manager: EntityManager, actorId: string | null, staffId: string, request: OffboardRequest, cause?: AuditEntry): Promise<OffboardWithinResult> {
    await this.transactions.lock(manager, LockKey.AdminRoster);
    const leaver = await this.requireStaff(staffId);
    if (leaver.hasLeft()) throw new AlreadyLeftError();
    const nowIso = this.clock.nowIso();
    if (request.transferToId !== undefined) await this.targets.requireValid(manager, leaver.id, request.transferToId, nowIso);
    const requested = request.effectiveAt === undefined ? null : new Date(request.effectiveAt).toISOString();
    if (leaver.hasRole('admin')) {
      await this.staff.requireAdminContinuity(manager, { staffId: leaver.id, leavesAt: requested !== null && requested > nowIso ? requested : nowIso });
    }
    const pending = await this.offboardings.pendingFor(leaver.id);
    const offboarding = this.offboardings.build({
      id: newId(),
      staffId: leaver.id,
      status: OFFBOARDING_LIFECYCLE.initial,
      reason: request.reason,
      effectiveAt: requested !== null && requested > nowIso ? requested : nowIso,
      actorId,
      transferToId: request.transferToId ?? null,
      requestedAt: nowIso,
      completedAt: null,
      cancelledAt: null,
      cancelledById: null,
      revokedAuthorisations: [],
      sessionsRevoked: 0,
      draftsTransferred: [],
      submissionsReturned: [],
      postsHeld: [],
      accountsRequiringCredentialRotation: [],
    });
    await this.offboardings.insert(offboarding);

    if (offboarding.effectiveAt > nowIso) {
      // A leave in the future is a date on the person, not a move: they stay active until it comes.
      const entry = await this.writePath.note(manager, STAFF_LIFECYCLE, leaver, 'offboarding_scheduled', {
        actorId,
        cause,
        details: {
          offboardingId: offboarding.id,
          reason: offboarding.reason,
          effectiveAt: offboarding.effectiveAt,
          transferToId: offboarding.transferToId,
          superseded: pending.map((row) => row.id),
        },
      });
      await this.people.updateFields(leaver.id, { leavingAt: offboarding.effectiveAt, updatedAt: nowIso });
      await this.effects.cancelSuperseded(manager, pending, actorId, nowIso, entry);
      await this.writePath.created(manager, OFFBOARDING_LIFECYCLE, offboarding, { actorId, cause: entry });
      return { kind: 'scheduled' as const, staffId: leaver.id, entry };
    }
    // A leave already due (its job not yet run) ended access at its own instant.
    if (leaver.leavingAt !== null && leaver.leavingAt < offboarding.effectiveAt) offboarding.effectiveAt = leaver.leavingAt;
    const applied = await this.effects.apply(manager, leaver, offboarding, nowIso, { fresh: true, superseded: pending, cause });
    return { kind: 'completed' as const, staffId: leaver.id, report: toReportView(applied.offboarding, applied.tasks), entry: applied.entry };
  }

  /** Cancels a leave whose instant has not come yet. */
  async cancel(caller: Caller, staffId: string): Promise<{ staff: StaffView }> {
    await this.transactions.run(async (manager) => {
      // Refused unless a leave is set for the future (staff-rules.ts, `cancel_leave`).
      const leaver = await this.access.require<StaffMember>(caller, Permission.StaffCancelLeave, staffId, manager);
      const nowIso = this.clock.nowIso();
      const pending = await this.offboardings.pendingFor(leaver.id);
      const entry = await this.writePath.note(manager, STAFF_LIFECYCLE, leaver, 'offboarding_cancelled', {
        actorId: caller.staffId,
        details: { leavingAt: leaver.leavingAt, offboardings: pending.map((row) => row.id) },
      });
      await this.people.updateFields(leaver.id, { leavingAt: null, updatedAt: nowIso });
      await this.effects.cancelSuperseded(manager, pending, caller.staffId, nowIso, entry);
    });
    return { staff: await this.staffView(staffId, caller) };
  }

  /** Applies every leave whose instant has passed; each in its own transaction, so one failure does not block the rest. */
  async applyDueLeaves(limit = 100): Promise<{ offboardingId: string; staffId: string; effectiveAt: string }[]> {
    const due = await this.offboardings.due(this.clock.nowIso(), limit);
    const applied: { offboardingId: string; staffId: string; effectiveAt: string }[] = [];
    for (const pending of due) {
      const done = await this.transactions.run(async (manager) => {
        // The staff row first, as offboard and cancel lock it first too (no lock-order deadlock).
        const leaver = await this.people.findForUpdate(pending.staffId);
        const offboarding = await this.offboardings.findForUpdate(pending.id);
        // Another instance, a cancel or an immediate offboard may have got there first.
        if (!leaver || leaver.hasLeft() || !offboarding || !OFFBOARDING_LIFECYCLE.can(offboarding.status, 'complete')) return false;
        await this.effects.apply(manager, leaver, offboarding, this.clock.nowIso());
        return true;
      });
      if (done) applied.push({ offboardingId: pending.id, staffId: pending.staffId, effectiveAt: pending.effectiveAt });
    }
    return applied;
  }

  async report(staffId: string): Promise<OffboardingReportView> {
    await this.requireStaff(staffId, false);
    const offboarding = await this.offboardings.latestReportable(staffId);
    if (!offboarding) throw new NotFoundError('offboarding report');
    return toReportView(offboarding, await this.offboardings.tasksOf(offboarding.id));
  }

  async preview(staffId: string): Promise<OffboardingPreviewView> {
    const leaver = await this.requireStaff(staffId, false);
    if (leaver.hasLeft()) throw new AlreadyLeftError();
    return this.effects.preview(this.transactions.manager, leaver, this.clock.nowIso());
  }

  /** Someone removed the leaver's role on the platform; the account's roster follows. */
  async completeTask(caller: Caller, taskId: string, dto: CompleteOffboardingTaskDto): Promise<OffboardingTaskView> {
    return this.transactions.run(async (manager) => {
      const task = await this.offboardings.taskForUpdate(taskId);
      if (!task) throw new NotFoundError('offboarding task');
      if (!OFFBOARDING_TASK_LIFECYCLE.can(task.status, 'complete')) {
        throw new InvalidStateError('This task is already done.', { status: task.status, completedAt: task.completedAt });
      }
      const platformAdminRemoved = await this.accounts.removePlatformAdmin(task.accountId, task.staffId);
      const note = dto.note;
      await this.writePath.transition(manager, OFFBOARDING_TASK_LIFECYCLE, task, 'complete', {
        actorId: caller.staffId,
        set: { completedAt: this.clock.nowIso(), completedById: caller.staffId, note },
        details: { accountId: task.accountId, staffId: task.staffId, kind: task.kind, note, platformAdminRemoved },
      });
      return toTaskView(task);
    });
  }

  private async requireStaff(id: string, lock = true): Promise<StaffMember> {
    const staff = lock ? await this.people.findForUpdate(id) : await this.people.findById(id);
    if (!staff) throw new NotFoundError('staff member');
    return staff;
  }

  private async staffView(id: string, viewer: Caller | null): Promise<StaffView> {
    return this.staff.view(await this.people.findByIdOrFail(id), viewer);
  }
}
