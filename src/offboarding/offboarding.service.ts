import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { AccountPlatformAdmin } from '../accounts/account.entity';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { InvalidStateError, NotFoundError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { LockKey, Transactions } from '../database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { StaffService } from '../staff/staff.service';
import { StaffView } from '../staff/staff.view';
import { CompleteOffboardingTaskDto, OffboardDto } from './dto/offboarding.dto';
import { LeaverEffects } from './leaver-effects';
import { AlreadyLeftError } from './offboarding-errors';
import { Offboarding } from './offboarding.entity';
import { OffboardingTask } from './offboarding-task.entity';
import { TransferTargets } from './transfer-targets';
import { OffboardingPreviewView, OffboardingReportView, OffboardingTaskView, toReportView, toTaskView } from './offboarding.view';

export const IDENTITY_PROVIDER_REASON = 'identity provider';

export type OffboardResult = { kind: 'completed'; staff: StaffView; report: OffboardingReportView } | { kind: 'scheduled'; staff: StaffView };

export interface OffboardRequest {
  reason: string;
  effectiveAt?: string;
  transferToId?: string;
}

@Injectable()
export class OffboardingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly effects: LeaverEffects,
    private readonly targets: TransferTargets,
  ) {}

  offboard(caller: Caller, staffId: string, dto: OffboardDto): Promise<OffboardResult> {
    return this.offboardAs(caller.staffId, staffId, dto);
  }

  /** Now (effects in this transaction) or at a future instant (access ends then; the job applies the effects). */
  async offboardAs(actorId: string | null, staffId: string, request: OffboardRequest): Promise<OffboardResult> {
    const result = await this.transactions.run((manager) => this.offboardWithin(manager, actorId, staffId, request));
    const staff = await this.staffView(result.staffId);
    return result.kind === 'completed' ? { kind: 'completed', staff, report: result.report } : { kind: 'scheduled', staff };
  }

  /** The same inside the caller's transaction (SCIM changes a user and offboards them in one). */
  async offboardWithin(
    manager: EntityManager,
    actorId: string | null,
    staffId: string,
    request: OffboardRequest,
  ): Promise<{ kind: 'completed'; staffId: string; report: OffboardingReportView } | { kind: 'scheduled'; staffId: string }> {
    await this.transactions.lock(manager, LockKey.AdminRoster);
    const leaver = await this.requireStaff(manager, staffId);
    if (leaver.status === 'left') throw new AlreadyLeftError();
    const nowIso = this.clock.nowIso();
    if (request.transferToId !== undefined) await this.targets.requireValid(manager, leaver.id, request.transferToId, nowIso);
    const requested = request.effectiveAt === undefined ? null : new Date(request.effectiveAt).toISOString();
    if (leaver.hasRole('admin')) {
      await this.staff.requireAdminContinuity(manager, { staffId: leaver.id, leavesAt: requested !== null && requested > nowIso ? requested : nowIso });
    }
    const superseded = await this.supersedePending(manager, leaver.id, actorId, nowIso);
    const offboarding = manager.getRepository(Offboarding).create({
      id: newId(),
      staffId: leaver.id,
      status: 'scheduled',
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
    await manager.getRepository(Offboarding).insert(offboarding);

    if (offboarding.effectiveAt > nowIso) {
      await manager.getRepository(StaffMember).update({ id: leaver.id }, { leavingAt: offboarding.effectiveAt, updatedAt: nowIso });
      await this.audit.record(manager, {
        actorId,
        action: 'staff.offboarding_scheduled',
        subjectType: 'staff',
        subjectId: leaver.id,
        details: { offboardingId: offboarding.id, reason: offboarding.reason, effectiveAt: offboarding.effectiveAt, transferToId: offboarding.transferToId, superseded },
      });
      return { kind: 'scheduled' as const, staffId: leaver.id };
    }
    // A leave already due (its job not yet run) ended access at its own instant.
    if (leaver.leavingAt !== null && leaver.leavingAt < offboarding.effectiveAt) offboarding.effectiveAt = leaver.leavingAt;
    const applied = await this.effects.apply(manager, leaver, offboarding, nowIso);
    return { kind: 'completed' as const, staffId: leaver.id, report: toReportView(applied.offboarding, applied.tasks) };
  }

  /** Cancels a leave whose instant has not come yet. */
  async cancel(caller: Caller, staffId: string): Promise<{ staff: StaffView }> {
    await this.transactions.run(async (manager) => {
      const leaver = await this.requireStaff(manager, staffId);
      const nowIso = this.clock.nowIso();
      if (leaver.status === 'left' || leaver.leavingAt === null || leaver.leavingAt <= nowIso) {
        throw new InvalidStateError('There is no leave in the future to cancel.', { status: leaver.status, leavingAt: leaver.leavingAt });
      }
      const cancelled = await this.supersedePending(manager, leaver.id, caller.staffId, nowIso);
      await manager.getRepository(StaffMember).update({ id: leaver.id }, { leavingAt: null, updatedAt: nowIso });
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'staff.offboarding_cancelled',
        subjectType: 'staff',
        subjectId: leaver.id,
        details: { leavingAt: leaver.leavingAt, offboardings: cancelled },
      });
    });
    return { staff: await this.staffView(staffId) };
  }

  /** Applies every leave whose instant has passed; each in its own transaction, so one failure does not block the rest. */
  async applyDueLeaves(limit = 100): Promise<{ offboardingId: string; staffId: string; effectiveAt: string }[]> {
    const nowIso = this.clock.nowIso();
    const due = await this.dataSource.getRepository(Offboarding).find({
      where: { status: 'scheduled', effectiveAt: LessThanOrEqual(nowIso) },
      order: { effectiveAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    const applied: { offboardingId: string; staffId: string; effectiveAt: string }[] = [];
    for (const pending of due) {
      const done = await this.transactions.run(async (manager) => {
        // The staff row first, as offboard and cancel lock it first too (no lock-order deadlock).
        const leaver = await this.transactions.findForUpdate(manager, StaffMember, pending.staffId);
        const offboarding = await this.transactions.findForUpdate(manager, Offboarding, pending.id);
        // Another instance, a cancel or an immediate offboard may have got there first.
        if (!leaver || leaver.status === 'left' || !offboarding || offboarding.status !== 'scheduled') return false;
        await this.effects.apply(manager, leaver, offboarding, this.clock.nowIso());
        return true;
      });
      if (done) applied.push({ offboardingId: pending.id, staffId: pending.staffId, effectiveAt: pending.effectiveAt });
    }
    return applied;
  }

  async report(staffId: string): Promise<OffboardingReportView> {
    const manager = this.dataSource.manager;
    await this.requireStaff(manager, staffId, false);
    const offboarding = await manager.getRepository(Offboarding).findOne({
      where: { staffId, status: In(['completed', 'scheduled']) },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
    if (!offboarding) throw new NotFoundError('offboarding report');
    const tasks = await manager.getRepository(OffboardingTask).find({ where: { offboardingId: offboarding.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return toReportView(offboarding, tasks);
  }

  async preview(staffId: string): Promise<OffboardingPreviewView> {
    const manager = this.dataSource.manager;
    const leaver = await this.requireStaff(manager, staffId, false);
    if (leaver.status === 'left') throw new AlreadyLeftError();
    return this.effects.preview(manager, leaver, this.clock.nowIso());
  }

  /** Someone removed the leaver's role on the platform; the account's roster follows. */
  async completeTask(caller: Caller, taskId: string, dto: CompleteOffboardingTaskDto): Promise<OffboardingTaskView> {
    return this.transactions.run(async (manager) => {
      const task = await this.transactions.findForUpdate(manager, OffboardingTask, taskId);
      if (!task) throw new NotFoundError('offboarding task');
      if (task.status !== 'open') throw new InvalidStateError('This task is already done.', { status: task.status, completedAt: task.completedAt });
      const nowIso = this.clock.nowIso();
      Object.assign(task, { status: 'done', completedAt: nowIso, completedById: caller.staffId, note: dto.note });
      await manager.getRepository(OffboardingTask).save(task);
      const removed = await manager.getRepository(AccountPlatformAdmin).delete({ accountId: task.accountId, staffId: task.staffId });
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'offboarding_task.completed',
        subjectType: 'offboarding_task',
        subjectId: task.id,
        details: { accountId: task.accountId, staffId: task.staffId, kind: task.kind, note: task.note, platformAdminRemoved: (removed.affected ?? 0) > 0 },
      });
      return toTaskView(task);
    });
  }

  /** Marks any leave still waiting for its instant as cancelled; returns their ids. */
  private async supersedePending(manager: EntityManager, staffId: string, actorId: string | null, nowIso: string): Promise<string[]> {
    const repository = manager.getRepository(Offboarding);
    const pending = await repository.find({ where: { staffId, status: 'scheduled' }, select: { id: true } });
    if (pending.length > 0) await repository.update({ staffId, status: 'scheduled' }, { status: 'cancelled', cancelledAt: nowIso, cancelledById: actorId });
    return pending.map((row) => row.id);
  }

  private async requireStaff(manager: EntityManager, id: string, lock = true): Promise<StaffMember> {
    const staff = lock ? await this.transactions.findForUpdate(manager, StaffMember, id) : await manager.getRepository(StaffMember).findOneBy({ id });
    if (!staff) throw new NotFoundError('staff member');
    return staff;
  }

  private async staffView(id: string): Promise<StaffView> {
    return this.staff.view(await this.dataSource.getRepository(StaffMember).findOneByOrFail({ id }));
  }
}
