import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/generic-errors';
import { WritePath } from '../common/write-path/write-path';
import { LockKey, Transactions } from '../common/database/transactions';
import { PolicyRepository } from '../policy/policy.repository';
import { EmailTakenError } from '../staff/staff-errors';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { StaffView } from '../staff/staff.view';
import { LeaverEffects } from './leaver-effects';
import { NotLeftError } from './offboarding-errors';
import { OffboardingsRepository } from './offboardings.repository';
import { emailKeyOf } from '../staff/email-key';

/**
 * Brings a leaver back (rehired, or offboarded by mistake). Nothing offboarding ended comes back:
 * sessions and authorisations stay revoked, open platform-role tasks stay open, and the policy must
 * be acknowledged again, so the person can sign in but do nothing until a manager authorises them.
 */
@Injectable()
export class ReinstatementService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly people: StaffRepository,
    private readonly access: Access,
    private readonly offboardings: OffboardingsRepository,
    private readonly effects: LeaverEffects,
    private readonly policies: PolicyRepository,
  ) {}

  /** A leaver comes back at an admin's request, checked by the staff rules' `reinstate`, the rule that offers it. */
  async reinstate(caller: Caller, staffId: string, reason: string): Promise<StaffView> {
    await this.transactions.run(async (manager) => {
      // The roster lock before the row, in the order reinstateWithin takes them.
      await this.transactions.lock(manager, LockKey.AdminRoster);
      await this.access.require(caller, Permission.StaffReinstate, staffId, manager);
      return this.reinstateWithin(manager, caller.staffId, staffId, reason);
    });
    return this.staff.view(await this.people.findByIdOrFail(staffId), caller);
  }

  /** The same inside the caller's transaction (SCIM restores a user and applies their changes in one); returns its entry. */
  async reinstateWithin(manager: EntityManager, actorId: string | null, staffId: string, reason: string): Promise<AuditEntry> {
    await this.transactions.lock(manager, LockKey.AdminRoster);
    let person = await this.people.findForUpdate(staffId);
    if (!person) throw new NotFoundError('staff member');
    const nowIso = this.clock.nowIso();
    if (!person.hasLeft()) {
      if (person.hasAccessAt(nowIso)) throw new NotLeftError();
      // Their leaving instant has passed but the job has not run: the leave is applied first, so
      // what it revokes is revoked before they come back.
      person = await this.applyDueLeave(manager, person, nowIso);
    }
    const restoredEmailKey = emailKeyOf(person.email);
    if (person.deletedAt !== null && (await this.people.exists({ emailKey: restoredEmailKey }))) throw new EmailTakenError();

    const withdrawn = await this.withdrawAcknowledgements(manager, person.id);
    const { leftAt, deletedAt } = person;
    return this.writePath.transition(manager, STAFF_LIFECYCLE, person, 'reinstate', {
      actorId,
      set: { leavingAt: null, leftAt: null, deletedAt: null, emailKey: restoredEmailKey, updatedAt: nowIso },
      details: { reason: reason.trim(), leftAt, undeleted: deletedAt !== null, policyAcknowledgementsWithdrawn: withdrawn },
    });
  }

  /** Acknowledgements before the leave no longer count; the audit entry keeps which they were. */
  private async withdrawAcknowledgements(manager: EntityManager, staffId: string): Promise<{ policyVersion: string; acknowledgedAt: string }[]> {
    const rows = await this.policies.acknowledgementsBy([staffId], manager);
    if (rows.length > 0) await this.policies.deleteAcknowledgementsBy(staffId, manager);
    return rows.map((row) => ({ policyVersion: row.policyVersion, acknowledgedAt: row.acknowledgedAt }));
  }

  private async applyDueLeave(manager: EntityManager, person: StaffMember, nowIso: string): Promise<StaffMember> {
    const due = await this.offboardings.dueFor(person.id, nowIso);
    if (due) await this.effects.apply(manager, person, due, nowIso);
    return this.people.findByIdOrFail(person.id);
  }
}
