import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Passwords } from '../auth/passwords';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { LockKey, Transactions } from '../common/database/transactions';
import { PolicyRepository } from '../policy/policy.repository';
import { CreateStaffDto, StaffListQuery, UpdateStaffDto } from './dto/staff.dto';
import { Role } from './role';
import { EmailTakenError, LastAdminError } from './staff-errors';
import { AdminChange, leavesNoAdmin } from './admin-continuity';
import { StaffMember } from './staff.entity';
import { STAFF_LIFECYCLE } from './staff-lifecycle';
import { StaffRepository } from './staff.repository';
import { StaffView, toStaffView } from './staff.view';
import { ColleagueList } from './dto/colleague.dto';
import { emailKeyOf } from './email-key';

export interface NewStaff {
  email: string;
  displayName: string;
  roles: Role[];
  lineManagerId: string | null;
  passwordHash: string | null;
}

@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly access: Access,
    private readonly staff: StaffRepository,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly policies: PolicyRepository,
  ) {}

  async create(caller: Caller, dto: CreateStaffDto): Promise<StaffView> {
    const passwordHash = await this.passwords.hash(dto.password);
    const staff = await this.transactions.run(async (manager) => {
      if (dto.lineManagerId) await this.requireActive(manager, dto.lineManagerId, 'lineManagerId');
      return this.insert(manager, caller.staffId, {
        email: dto.email,
        displayName: dto.displayName,
        roles: dto.roles,
        lineManagerId: dto.lineManagerId ?? null,
        passwordHash,
      });
    });
    return this.view(staff, caller);
  }

  /** Inserts a staff member and audits it; the caller supplies the transaction. */
  async insert(manager: EntityManager, actorId: string | null, fields: NewStaff): Promise<StaffMember> {
    return (await this.insertAudited(manager, actorId, fields)).staff;
  }

  /** The same, with its entry, for a request that goes on to write more (SCIM creating a user inactive). */
  async insertAudited(manager: EntityManager, actorId: string | null, fields: NewStaff): Promise<{ staff: StaffMember; entry: AuditEntry }> {
    const emailKey = emailKeyOf(fields.email);
    if (await this.staff.exists({ emailKey })) throw new EmailTakenError();
    const now = this.clock.nowIso();
    const staff = this.staff.build({
      id: newId(),
      email: fields.email.trim(),
      emailKey,
      displayName: fields.displayName,
      roles: [...new Set(fields.roles)],
      status: STAFF_LIFECYCLE.initial,
      leavingAt: null,
      leftAt: null,
      lineManagerId: fields.lineManagerId,
      trainingCompletedAt: null,
      passwordHash: fields.passwordHash,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await this.staff.insert(staff);
    const entry = await this.writePath.created(manager, STAFF_LIFECYCLE, staff, {
      actorId,
      details: { email: staff.email, displayName: staff.displayName, roles: staff.roles, lineManagerId: staff.lineManagerId },
    });
    return { staff, entry };
  }

  async list(caller: Caller, query: StaffListQuery): Promise<Page<StaffView>> {
    const builder = this.staff.query('s');
    const status = query.status ?? 'active';
    if (status !== 'all') builder.andWhere('s.status = :status', { status });
    const oldest: Keyset<StaffMember> = { columns: ['s.createdAt', 's.id'], direction: 'ASC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, oldest, query, async (rows) => {
      const acknowledgements = await this.latestAcknowledgements(rows.map((row) => row.id));
      const allowed = await this.access.allowedActions(caller, 'staff member', rows);
      return rows.map((row) => toStaffView(row, acknowledgements.get(row.id) ?? null, allowed.get(row.id) ?? []));
    });
  }

  /** Active colleagues by name (say, to mark who a photo shows); those whose leaving instant has passed are left out. */
  async directory(): Promise<ColleagueList> {
    const rows = await this.staff
      .query('s')
      .select(['s.id', 's.displayName'])
      .where('s.status IN (:...present)', { present: STAFF_LIFECYCLE.statesAllowing('offboard') })
      .andWhere('(s.leavingAt IS NULL OR s.leavingAt > :now)', { now: this.clock.nowIso() })
      .getMany();
    // Sorted here: the databases' collations differ, and people expect "anna" beside "Anna".
    const byName = new Intl.Collator('en-GB', { sensitivity: 'base' });
    rows.sort((a, b) => byName.compare(a.displayName, b.displayName) || a.id.localeCompare(b.id));
    return { items: rows.map((row) => ({ id: row.id, displayName: row.displayName })) };
  }

  async get(caller: Caller, id: string): Promise<StaffView> {
    if (caller.staffId !== id) this.access.requireRole(caller, Permission.StaffReadOthers);
    const staff = await this.staff.findById(id);
    if (!staff) throw new NotFoundError('staff member');
    return this.view(staff, caller);
  }

  async update(caller: Caller, id: string, dto: UpdateStaffDto): Promise<StaffView> {
    const changed = Object.keys(dto).filter((key) => (dto as Record<string, unknown>)[key] !== undefined);
    // Training alone is `record_training` (a manager may); any other change is `edit`.
    const permission = changed.every((key) => key === 'trainingCompletedAt') ? Permission.StaffUpdate : Permission.StaffEditProfile;
    // The body decides the permission, so its role is checked first, as the guard checks a route's (API.md section 1).
    this.access.requireRole(caller, permission);
    const staff = await this.transactions.run(async (manager) => {
      await this.transactions.lock(manager, LockKey.AdminRoster);
      const staff = await this.access.require<StaffMember>(caller, permission, id, manager);
      const before = { displayName: staff.displayName, roles: staff.roles, lineManagerId: staff.lineManagerId, trainingCompletedAt: staff.trainingCompletedAt };

      if (dto.roles !== undefined) {
        const losesAdmin = staff.hasRole('admin') && !dto.roles.includes('admin');
        if (losesAdmin && !staff.hasLeft()) await this.requireAdminContinuity(manager, { staffId: staff.id, losesAdminRole: true });
        staff.roles = [...new Set(dto.roles)];
      }
      if (dto.displayName !== undefined) staff.displayName = dto.displayName;
      if (dto.lineManagerId !== undefined) {
        if (dto.lineManagerId === staff.id) {
          throw new ValidationFailedError('Nobody can be their own line manager.', [{ field: 'lineManagerId', problems: ['is the same person'] }]);
        }
        if (dto.lineManagerId !== null) await this.requireActive(manager, dto.lineManagerId, 'lineManagerId');
        staff.lineManagerId = dto.lineManagerId;
      }
      if (dto.trainingCompletedAt !== undefined) {
        if (dto.trainingCompletedAt !== null && Date.parse(dto.trainingCompletedAt) > this.clock.now().getTime()) {
          throw new ValidationFailedError('Training cannot be completed in the future.', [{ field: 'trainingCompletedAt', problems: ['is in the future'] }]);
        }
        staff.trainingCompletedAt = dto.trainingCompletedAt === null ? null : new Date(dto.trainingCompletedAt).toISOString();
      }
      staff.updatedAt = this.clock.nowIso();
      await this.staff.save(staff);
      await this.writePath.record(manager, {
        actorId: caller.staffId,
        action: 'staff.updated',
        subjectType: 'staff',
        subjectId: staff.id,
        details: { before, after: { displayName: staff.displayName, roles: staff.roles, lineManagerId: staff.lineManagerId, trainingCompletedAt: staff.trainingCompletedAt } },
      });
      return staff;
    });
    return this.view(staff, caller);
  }

  /** Refuses a change that would leave the organisation with no active admin. */
  async ensureAnotherActiveAdmin(manager: EntityManager, excludingId: string): Promise<void> {
    await this.requireAdminContinuity(manager, { staffId: excludingId, losesAdminRole: true });
  }

  /**
   * The one LAST_ADMIN rule, for role changes, leaves (now or scheduled) and SCIM alike: refuses a change
   * after which, at some instant from now on, no active admin would remain (counting every scheduled leave).
   * Serialised by the admin-roster lock, so two changes at once cannot each rely on the other admin.
   */
  async requireAdminContinuity(manager: EntityManager, change: AdminChange): Promise<void> {
    await this.transactions.lock(manager, LockKey.AdminRoster);
    const now = this.clock.nowIso();
    const active = await this.staff.notLeft(['id', 'roles', 'status', 'leavingAt']);
    const admins = active
      .filter((staff) => staff.hasRole('admin') && staff.hasAccessAt(now))
      .map((staff) => ({ staffId: staff.id, accessUntil: staff.leavingAt }));
    if (leavesNoAdmin(admins, change)) throw new LastAdminError();
  }

  /** An active staff member referenced by a request, or a 400 naming the field. */
  async requireActive(manager: EntityManager, id: string, field: string): Promise<StaffMember> {
    const staff = await this.staff.findById(id);
    if (!staff || !staff.hasAccessAt(this.clock.nowIso())) {
      throw new ValidationFailedError(`${field} must be an active staff member.`, [{ field, problems: ['is not an active staff member'] }]);
    }
    return staff;
  }

  /** The record as `viewer` sees it: what they may do to it included; none for a request no one signed in made. */
  async view(staff: StaffMember, viewer: Caller | null): Promise<StaffView> {
    const acknowledgements = await this.latestAcknowledgements([staff.id]);
    const allowed = viewer ? ((await this.access.allowedActions(viewer, 'staff member', [staff])).get(staff.id) ?? []) : [];
    return toStaffView(staff, acknowledgements.get(staff.id) ?? null, allowed);
  }

  /** The record as its own person sees it, for a sign-in's response (no session is theirs yet). */
  viewAsSelf(staff: StaffMember): Promise<StaffView> {
    return this.view(staff, { staffId: staff.id, sessionId: '', roles: staff.roles });
  }

  private async latestAcknowledgements(staffIds: string[]): Promise<Map<string, { policyVersion: string; acknowledgedAt: string }>> {
    const result = new Map<string, { policyVersion: string; acknowledgedAt: string }>();
    if (staffIds.length === 0) return result;
    const rows = await this.policies.acknowledgementsBy(staffIds, this.dataSource.manager);
    for (const row of rows) result.set(row.staffId, { policyVersion: row.policyVersion, acknowledgedAt: row.acknowledgedAt });
    return result;
  }
}
