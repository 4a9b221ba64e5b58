import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountOffboarding } from '../accounts/account-offboarding';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditEntry } from '../audit/audit-entry.entity';
import { SessionsRepository } from '../auth/sessions.repository';
import { SessionsService } from '../auth/sessions.service';
import { AuthorisationsRepository } from '../authorisations/authorisations.repository';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { newId } from '../common/ids';
import { WritePath } from '../common/write-path/write-path';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';
import { StaffMember } from '../staff/staff.entity';
import { LeaverDrafts } from './leaver-drafts';
import { OFFBOARDING_LIFECYCLE, OFFBOARDING_TASK_LIFECYCLE } from './offboarding-lifecycle';
import { Offboarding } from './offboarding.entity';
import { OffboardingTask } from './offboarding-task.entity';
import { OffboardingPreviewView } from './offboarding.view';
import { OffboardingsRepository } from './offboardings.repository';
import { TransferTargets } from './transfer-targets';
import { OPEN_ACCOUNT_STATUSES } from '../accounts/account-lifecycle';

export const LEAVER_REVOKE_REASON = 'leaver';

export interface ApplyOptions {
  /** The offboarding was inserted by this request (it enters its lifecycle after the leave's own entry). */
  fresh?: boolean;
  /** Leaves still waiting that this one supersedes. */
  superseded?: Offboarding[];
  /** The entry of the request this leave is part of (SCIM deactivating a user it also changed). */
  cause?: AuditEntry;
}

/**
 * Everything leaving means, inside the caller's transaction, as set-based statements: the number of
 * statements is the same for a leaver with one draft or ten thousand. The leave's own entry
 * (`staff.offboarded`, with the report's lists) is written first; everything that follows from it names it.
 */
@Injectable()
export class LeaverEffects {
  constructor(
    private readonly sessions: SessionsService,
    private readonly authorisations: AuthorisationsService,
    private readonly accounts: AccountOffboarding,
    private readonly drafts: LeaverDrafts,
    private readonly targets: TransferTargets,
    private readonly offboardings: OffboardingsRepository,
    private readonly writePath: WritePath,
    private readonly accountRows: AccountsRepository,
    private readonly sessionRows: SessionsRepository,
    private readonly authorisationRows: AuthorisationsRepository,
  ) {}

  /** Applies the leave recorded in `offboarding` (which the caller has inserted or loaded) and completes it. */
  async apply(
    manager: EntityManager,
    leaver: StaffMember,
    offboarding: Offboarding,
    nowIso: string,
    options: ApplyOptions = {},
  ): Promise<{ offboarding: Offboarding; tasks: OffboardingTask[]; entry: AuditEntry }> {
    const actorId = offboarding.actorId;
    const plan = await this.targets.plan(manager, leaver, offboarding.transferToId, actorId, nowIso);
    // Revoking sessions and grants writes no entry of its own: the leave's entry lists them.
    const sessionsRevoked = await this.sessions.revokeAll(manager, leaver.id);
    const revokedAuthorisations = await this.authorisations.revokeAllForStaff(manager, leaver.id, actorId, LEAVER_REVOKE_REASON);
    const groups = await this.drafts.lock(manager, leaver.id);
    const accountsRequiringCredentialRotation = await this.accounts.requireCredentialRotation(manager, leaver.id);
    const adminAccounts = await this.accounts.platformAdminAccountIds(manager, leaver.id);
    const tasks = adminAccounts.map((accountId) =>
      this.offboardings.buildTask({
        id: newId(),
        offboardingId: offboarding.id,
        staffId: leaver.id,
        accountId,
        kind: 'remove_platform_admin',
        status: OFFBOARDING_TASK_LIFECYCLE.initial,
        createdAt: nowIso,
        completedAt: null,
        completedById: null,
        note: null,
      }),
    );
    const moves = {
      draftsTransferred: groups.transferred.map((draft) => draft.id),
      submissionsReturned: groups.returned.map((draft) => draft.id),
      postsHeld: groups.held.map((draft) => draft.id),
    };

    // Access ended at the leaving instant (or now, if that came first).
    const leftAt = offboarding.effectiveAt < nowIso ? offboarding.effectiveAt : nowIso;
    const entry = await this.writePath.transition(manager, STAFF_LIFECYCLE, leaver, 'offboard', {
      actorId,
      cause: options.cause,
      set: { leftAt, leavingAt: leaver.leavingAt ?? leftAt, updatedAt: nowIso },
      details: {
        offboardingId: offboarding.id,
        reason: offboarding.reason,
        effectiveAt: offboarding.effectiveAt,
        transferToId: plan.targetId,
        transferFallbackId: plan.targetId === null ? plan.fallbackId : null,
        revokedAuthorisations,
        sessionsRevoked,
        ...moves,
        accountsRequiringCredentialRotation,
        tasks: tasks.map((task) => ({ id: task.id, accountId: task.accountId, kind: task.kind })),
      },
    });
    const cause = entry;
    await this.cancelSuperseded(manager, options.superseded ?? [], actorId, nowIso, cause);
    if (options.fresh) await this.writePath.created(manager, OFFBOARDING_LIFECYCLE, offboarding, { actorId, cause });
    await this.drafts.apply(manager, groups, leaver.id, plan, { actorId, cause, nowIso });
    await this.offboardings.insertTasks(tasks);
    await this.writePath.createdMany(manager, OFFBOARDING_TASK_LIFECYCLE, tasks.map((task) => ({ subject: task, change: { actorId, cause, details: { accountId: task.accountId, kind: task.kind } } })));
    await this.writePath.transition(manager, OFFBOARDING_LIFECYCLE, offboarding, 'complete', {
      actorId,
      cause,
      set: {
        completedAt: nowIso,
        transferToId: plan.targetId ?? offboarding.transferToId,
        revokedAuthorisations,
        sessionsRevoked,
        ...moves,
        accountsRequiringCredentialRotation,
      },
    });
    return { offboarding, tasks, entry };
  }

  /** A newer leave (or a cancel) supersedes the ones still waiting; each is cancelled, following from `cause`. */
  async cancelSuperseded(manager: EntityManager, pending: Offboarding[], actorId: string | null, nowIso: string, cause: AuditEntry): Promise<void> {
    await this.writePath.transitionMany(manager, OFFBOARDING_LIFECYCLE, pending, 'cancel', { actorId, cause, set: { cancelledAt: nowIso, cancelledById: actorId } });
  }

  /** The same lists, read-only. */
  async preview(manager: EntityManager, leaver: StaffMember, nowIso: string): Promise<OffboardingPreviewView> {
    const plan = await this.targets.plan(manager, leaver, null, null, nowIso);
    const liveSessions = await this.sessionRows.liveCountOf(leaver.id, manager);
    const authorisations = await this.authorisationRows.activeIdsOf(leaver.id, nowIso, manager);
    const rotation = await this.accountRows.idsConnectedBy(manager, leaver.id, OPEN_ACCOUNT_STATUSES);
    const adminAccounts = await this.accounts.platformAdminAccountIds(manager, leaver.id);
    return {
      staffId: leaver.id,
      transferToId: plan.targetId,
      revokedAuthorisations: authorisations,
      sessionsRevoked: liveSessions,
      ...(await this.drafts.preview(manager, leaver.id)),
      accountsRequiringCredentialRotation: rotation,
      tasks: adminAccounts.map((accountId) => ({ id: null, accountId, kind: 'remove_platform_admin' as const, status: 'open' as const })),
    };
  }
}
