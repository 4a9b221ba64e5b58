import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan, Not, Or } from 'typeorm';
import { AccountOffboarding } from '../accounts/account-offboarding';
import { Account } from '../accounts/account.entity';
import { AuditTrail } from '../audit/audit-trail.service';
import { Session } from '../auth/session.entity';
import { SessionsService } from '../auth/sessions.service';
import { Authorisation } from '../authorisations/authorisation.entity';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { newId } from '../common/ids';
import { StaffMember } from '../staff/staff.entity';
import { LeaverDrafts } from './leaver-drafts';
import { Offboarding } from './offboarding.entity';
import { OffboardingTask } from './offboarding-task.entity';
import { OffboardingPreviewView } from './offboarding.view';
import { TransferTargets } from './transfer-targets';

export const LEAVER_REVOKE_REASON = 'leaver';

/**
 * Everything leaving means, inside the caller's transaction, as set-based statements: the number of
 * statements is the same for a leaver with one draft or ten thousand. Ids for the report are read
 * with a SELECT before each UPDATE, in the same transaction.
 */
@Injectable()
export class LeaverEffects {
  constructor(
    private readonly sessions: SessionsService,
    private readonly authorisations: AuthorisationsService,
    private readonly accounts: AccountOffboarding,
    private readonly drafts: LeaverDrafts,
    private readonly targets: TransferTargets,
    private readonly audit: AuditTrail,
  ) {}

  /** Applies the leave recorded in `offboarding` (which the caller has inserted or loaded) and completes it. */
  async apply(manager: EntityManager, leaver: StaffMember, offboarding: Offboarding, nowIso: string): Promise<{ offboarding: Offboarding; tasks: OffboardingTask[] }> {
    const actorId = offboarding.actorId;
    const plan = await this.targets.plan(manager, leaver, offboarding.transferToId, actorId, nowIso);
    const sessionsRevoked = await this.sessions.revokeAll(manager, leaver.id);
    const revokedAuthorisations = await this.authorisations.revokeAllForStaff(manager, leaver.id, actorId, LEAVER_REVOKE_REASON);
    const moves = await this.drafts.apply(manager, leaver.id, plan, actorId, nowIso);
    const accountsRequiringCredentialRotation = await this.accounts.requireCredentialRotation(manager, leaver.id);
    const adminAccounts = await this.accounts.platformAdminAccountIds(manager, leaver.id);
    const tasks = adminAccounts.map((accountId) =>
      manager.getRepository(OffboardingTask).create({
        id: newId(),
        offboardingId: offboarding.id,
        staffId: leaver.id,
        accountId,
        kind: 'remove_platform_admin',
        status: 'open',
        createdAt: nowIso,
        completedAt: null,
        completedById: null,
        note: null,
      }),
    );
    // One multi-row INSERT: a person is platform admin on at most a handful of accounts.
    if (tasks.length > 0) await manager.getRepository(OffboardingTask).insert(tasks);

    // Access ended at the leaving instant (or now, if that came first).
    const leftAt = offboarding.effectiveAt < nowIso ? offboarding.effectiveAt : nowIso;
    await manager.getRepository(StaffMember).update({ id: leaver.id }, { status: 'left', leftAt, leavingAt: leaver.leavingAt ?? leftAt, updatedAt: nowIso });
    Object.assign(offboarding, {
      status: 'completed',
      completedAt: nowIso,
      transferToId: plan.targetId ?? offboarding.transferToId,
      revokedAuthorisations,
      sessionsRevoked,
      ...moves,
      accountsRequiringCredentialRotation,
    });
    await manager.getRepository(Offboarding).save(offboarding);
    await this.audit.record(manager, {
      actorId,
      action: 'staff.offboarded',
      subjectType: 'staff',
      subjectId: leaver.id,
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
    return { offboarding, tasks };
  }

  /** The same lists, read-only. */
  async preview(manager: EntityManager, leaver: StaffMember, nowIso: string): Promise<OffboardingPreviewView> {
    const plan = await this.targets.plan(manager, leaver, null, null, nowIso);
    const liveSessions = await manager.getRepository(Session).countBy({ staffId: leaver.id, revokedAt: IsNull() });
    const authorisations = await manager.getRepository(Authorisation).find({
      where: { staffId: leaver.id, revokedAt: IsNull(), expiresAt: Or(IsNull(), MoreThan(nowIso)) },
      select: { id: true },
      order: { id: 'ASC' },
    });
    const rotation = await manager.getRepository(Account).find({ where: { connectedById: leaver.id, status: Not('closed' as const) }, select: { id: true }, order: { id: 'ASC' } });
    const adminAccounts = await this.accounts.platformAdminAccountIds(manager, leaver.id);
    return {
      staffId: leaver.id,
      transferToId: plan.targetId,
      revokedAuthorisations: authorisations.map((row) => row.id),
      sessionsRevoked: liveSessions,
      ...(await this.drafts.preview(manager, leaver.id)),
      accountsRequiringCredentialRotation: rotation.map((row) => row.id),
      tasks: adminAccounts.map((accountId) => ({ id: null, accountId, kind: 'remove_platform_admin' as const, status: 'open' as const })),
    };
  }
}
