import { Inject, Injectable } from '@nestjs/common';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { WritePath } from '../common/write-path/write-path';
import { LockKey, Transactions } from '../common/database/transactions';
import { IDENTITY_PROVIDER_REASON, OffboardingService } from '../offboarding/offboarding.service';
import { ReinstatementService } from '../offboarding/reinstatement.service';
import { EmailTakenError } from '../staff/staff-errors';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { invalidValue, ScimError } from './scim-errors';
import { project, Projection } from './scim-attributes';
import { applyPatch } from './scim-patch';
import { listResponse, MAX_RESULTS } from './scim-schemas';
import { ScimUser } from './scim-user.entity';
import { desiredUser, DesiredUser, parseFilter, ScimResource, toScimUser } from './scim-user-mapping';
import { ScimUsersRepository } from './scim-users.repository';

/**
 * SCIM Users over staff records. Deactivating or deleting a user offboards them now, with reason
 * `identity provider`; reactivating a leaver reinstates them (nothing offboarding revoked comes back).
 * A deleted user is invisible to the identity provider (404) and their address may be provisioned again.
 */
@Injectable()
export class ScimService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly staffRows: StaffRepository,
    private readonly scimUsers: ScimUsersRepository,
    private readonly offboarding: OffboardingService,
    private readonly reinstatement: ReinstatementService,
  ) {}

  async list(filter: string | undefined, startIndexRaw: string | undefined, countRaw: string | undefined, fields: Projection) {
    const parsed = parseFilter(filter);
    const { startIndex, count } = paging(startIndexRaw, countRaw);
    const { total, rows } = await this.scimUsers.page(parsed, startIndex, count);
    const resources = await this.resources(rows);
    return listResponse(resources.map((resource) => project(resource, fields)), total, startIndex);
  }

  async get(id: string, fields: Projection = { attributes: null, excluded: [] }): Promise<ScimResource> {
    const staff = await this.requireVisible(id);
    const [resource] = await this.resources([staff]);
    return project(resource, fields);
  }

  /** A `staff` member with no password: they cannot sign in by password until one is set. */
  async create(body: ScimResource): Promise<ScimResource> {
    const desired = desiredUser(body);
    const staffId = await this.transactions.run(async (manager) => {
      const lineManagerId = desired.managerId === null ? null : (await this.requireManager(desired.managerId, null)).id;
      const { staff, entry } = await this.staff.insertAudited(manager, null, { email: desired.email, displayName: desired.displayName, roles: ['staff'], lineManagerId, passwordHash: null });
      const nowIso = this.clock.nowIso();
      await this.scimUsers.save(this.scimUsers.build({ staffId: staff.id, ...desiredLink(desired), deletedAt: null, createdAt: nowIso, updatedAt: nowIso }));
      // Audited by staff.created (actor null: the identity provider); a user created inactive leaves at once.
      if (!desired.active) await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON }, entry);
      return staff.id;
    });
    return this.get(staffId);
  }

  async replace(id: string, body: ScimResource): Promise<ScimResource> {
    return this.update(id, () => desiredUser(body));
  }

  async patch(id: string, body: Record<string, unknown>): Promise<ScimResource> {
    return this.update(id, (current) => desiredUser(applyPatch(current, body)));
  }

  /** Offboards now (unless they have left), marks the record deleted and frees its address for a new one. */
  async remove(id: string): Promise<void> {
    const staff = await this.requireVisible(id);
    await this.transactions.run(async (manager) => {
      // The deletion is the request's entry; the leave it brings follows from it.
      const entry = await this.writePath.record(manager, { actorId: null, action: 'scim.user_deleted', subjectType: 'staff', subjectId: staff.id, details: { email: staff.email } });
      if (!staff.hasLeft()) await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON }, entry);
      const nowIso = this.clock.nowIso();
      await this.staffRows.updateFields(staff.id, { deletedAt: nowIso, emailKey: null, updatedAt: nowIso });
      const link = await this.linkFor(staff);
      Object.assign(link, { deletedAt: nowIso, updatedAt: nowIso });
      await this.scimUsers.save(link);
    });
  }

  private async update(id: string, desire: (current: ScimResource) => DesiredUser): Promise<ScimResource> {
    const desired = desire(await this.get(id));
    await this.transactions.run(async (manager) => {
      // Taken first, as offboarding takes it before the staff row: one lock order, no deadlock.
      await this.transactions.lock(manager, LockKey.AdminRoster);
      let staff = await this.staffRows.findForUpdate(id);
      if (!staff || staff.deletedAt !== null) throw new NotFoundError('user');
      // The first entry this request writes is its own; what it writes after follows from it.
      let entry: AuditEntry | undefined;
      if (desired.active && !staff.hasAccessAt(this.clock.nowIso())) {
        // A disabled user restored in the identity provider (Entra's scope changes do this) is reinstated.
        entry = await this.reinstatement.reinstateWithin(manager, null, staff.id, IDENTITY_PROVIDER_REASON);
        staff = await this.staffRows.findByIdOrFail(id);
      }
      const link = await this.linkFor(staff);
      const lineManagerId = desired.managerId === null ? null : (await this.requireManager(desired.managerId, staff.id)).id;
      const before = { email: staff.email, displayName: staff.displayName, lineManagerId: staff.lineManagerId, ...storedLink(link) };
      const after = { email: desired.email, displayName: desired.displayName, lineManagerId, ...desiredLink(desired) };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const emailKey = desired.email.toLowerCase();
        if (emailKey !== staff.emailKey && (await this.staffRows.emailKeyTakenByOther(emailKey, staff.id))) throw new EmailTakenError();
        const nowIso = this.clock.nowIso();
        await this.staffRows.updateFields(staff.id, { email: desired.email, emailKey, displayName: desired.displayName, lineManagerId, updatedAt: nowIso });
        Object.assign(link, desiredLink(desired), { updatedAt: nowIso });
        await this.scimUsers.save(link);
        const updated = await this.writePath.record(manager, { actorId: null, action: 'scim.user_updated', subjectType: 'staff', subjectId: staff.id, details: { before, after }, cause: entry });
        entry ??= updated;
      }
      // Deactivation offboards now, in the same transaction as any profile change it came with.
      if (!desired.active && !staff.hasLeft()) await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON }, entry);
    });
    return this.get(id);
  }

  /** The enterprise extension's manager must be someone Gatehouse knows (and not the person themselves). */
  private async requireManager(managerId: string, staffId: string | null): Promise<StaffMember> {
    if (managerId === staffId) throw invalidValue('Nobody can be their own manager.');
    const found = await this.staffRows.findProvisioned(managerId);
    if (!found) throw invalidValue('manager must be the id of a user Gatehouse provisioned.');
    return found;
  }

  private async requireVisible(id: string): Promise<StaffMember> {
    const staff = await this.staffRows.findProvisioned(id);
    if (!staff) throw new NotFoundError('user');
    return staff;
  }

  /** The staff member's SCIM row, made on first touch for people created in Gatehouse itself. */
  private async linkFor(staff: StaffMember): Promise<ScimUser> {
    const existing = await this.scimUsers.linkOf(staff.id);
    if (existing) return existing;
    const nowIso = this.clock.nowIso();
    const link = this.scimUsers.build({ staffId: staff.id, externalId: null, givenName: null, familyName: null, workEmailKey: staff.emailKey, document: null, deletedAt: null, createdAt: nowIso, updatedAt: nowIso });
    await this.scimUsers.insert(link);
    return link;
  }

  private async resources(rows: StaffMember[]): Promise<ScimResource[]> {
    if (rows.length === 0) return [];
    const links = new Map((await this.scimUsers.linksOf(rows.map((row) => row.id))).map((row) => [row.staffId, row]));
    const managerIds = [...new Set(rows.map((row) => row.lineManagerId).filter((id): id is string => id !== null))];
    const managers = new Map((await this.staffRows.findByIds(managerIds)).map((row) => [row.id, row]));
    const nowIso = this.clock.nowIso();
    return rows.map((row) => toScimUser(row, links.get(row.id) ?? null, row.lineManagerId ? (managers.get(row.lineManagerId) ?? null) : null, nowIso, this.config.publicUrl));
  }
}

/** The SCIM-only part of a user as the provider wants it; with no emails, the work email is the one address. */
const desiredLink = (desired: DesiredUser) => ({
  externalId: desired.externalId,
  givenName: desired.givenName,
  familyName: desired.familyName,
  workEmailKey: desired.workEmailKey ?? desired.email.toLowerCase(),
  document: desired.document,
});

const storedLink = (link: ScimUser) => ({ externalId: link.externalId, givenName: link.givenName, familyName: link.familyName, workEmailKey: link.workEmailKey, document: link.document });

export function paging(startIndexRaw: string | undefined, countRaw: string | undefined): { startIndex: number; count: number } {
  return { startIndex: Math.max(1, toInt(startIndexRaw, 1)), count: Math.min(MAX_RESULTS, Math.max(0, toInt(countRaw, 100))) };
}

function toInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ScimError('validation', 'invalidValue', 'startIndex and count must be integers.');
  return value;
}
