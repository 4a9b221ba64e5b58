import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LockKey, Transactions } from '../database/transactions';
import { IDENTITY_PROVIDER_REASON, OffboardingService } from '../offboarding/offboarding.service';
import { EmailTakenError } from '../staff/staff-errors';
import { StaffMember } from '../staff/staff.entity';
import { StaffService } from '../staff/staff.service';
import { ScimError } from './scim-errors';
import { applyPatch } from './scim-patch';
import { listResponse, MAX_RESULTS } from './scim-schemas';
import { ScimUser } from './scim-user.entity';
import { desiredUser, DesiredUser, parseFilter, ScimResource, toScimUser } from './scim-user-mapping';

/**
 * SCIM Users over staff records. Deactivating or deleting a user offboards them now, with reason
 * `identity provider`; a deleted user is then invisible to the identity provider (404).
 */
@Injectable()
export class ScimService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly offboarding: OffboardingService,
  ) {}

  async list(filter: string | undefined, startIndexRaw: string | undefined, countRaw: string | undefined) {
    const parsed = parseFilter(filter);
    const startIndex = Math.max(1, toInt(startIndexRaw, 1));
    const count = Math.min(MAX_RESULTS, Math.max(0, toInt(countRaw, 100)));
    const builder = this.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .leftJoin(ScimUser, 'su', 'su.staffId = s.id')
      .where('su.deletedAt IS NULL');
    if (parsed?.attribute === 'userName') builder.andWhere('s.emailKey = :key', { key: parsed.value.trim().toLowerCase() });
    if (parsed?.attribute === 'externalId') builder.andWhere('su.externalId = :externalId', { externalId: parsed.value });
    if (parsed?.attribute === 'id') builder.andWhere('s.id = :id', { id: parsed.value.toLowerCase() });
    const total = await builder.getCount();
    const rows = count === 0 ? [] : await builder.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC').skip(startIndex - 1).take(count).getMany();
    const links = await this.links(this.dataSource.manager, rows.map((row) => row.id));
    const nowIso = this.clock.nowIso();
    return listResponse(rows.map((row) => toScimUser(row, links.get(row.id) ?? null, nowIso, this.config.publicUrl)), total, startIndex);
  }

  async get(id: string): Promise<ScimResource> {
    const { staff, link } = await this.requireVisible(this.dataSource.manager, id);
    return toScimUser(staff, link, this.clock.nowIso(), this.config.publicUrl);
  }

  /** A `staff` member with no password: they cannot sign in by password until one is set. */
  async create(body: ScimResource): Promise<ScimResource> {
    const desired = desiredUser(body);
    const staffId = await this.transactions.run(async (manager) => {
      const staff = await this.staff.insert(manager, null, {
        email: desired.email,
        displayName: desired.displayName,
        roles: ['staff'],
        lineManagerId: null,
        passwordHash: null,
      });
      const nowIso = this.clock.nowIso();
      await manager.getRepository(ScimUser).insert({ staffId: staff.id, externalId: desired.externalId, givenName: desired.givenName, familyName: desired.familyName, deletedAt: null, createdAt: nowIso, updatedAt: nowIso });
      // Audited by staff.created (actor null: the identity provider); a user created inactive leaves at once.
      if (!desired.active) await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON });
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

  /** Offboards now (unless they have left) and hides the user from the identity provider. */
  async remove(id: string): Promise<void> {
    const { staff } = await this.requireVisible(this.dataSource.manager, id);
    await this.transactions.run(async (manager) => {
      if (staff.status !== 'left') await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON });
      const nowIso = this.clock.nowIso();
      const link = await this.linkFor(manager, staff.id);
      link.deletedAt = nowIso;
      link.updatedAt = nowIso;
      await manager.getRepository(ScimUser).save(link);
      await this.audit.record(manager, { actorId: null, action: 'scim.user_deleted', subjectType: 'staff', subjectId: staff.id });
    });
  }

  private async update(id: string, desire: (current: ScimResource) => DesiredUser): Promise<ScimResource> {
    const { staff: current, link: currentLink } = await this.requireVisible(this.dataSource.manager, id);
    const desired = desire(toScimUser(current, currentLink, this.clock.nowIso(), this.config.publicUrl));
    if (desired.active && current.status === 'left') {
      throw new ScimError('validation', 'mutability', 'This person has left; a leaver cannot be reactivated. Create a new user instead.');
    }
    await this.transactions.run(async (manager) => {
      // Taken first, as offboarding takes it before the staff row: one lock order, no deadlock.
      await this.transactions.lock(manager, LockKey.AdminRoster);
      const staff = await this.transactions.findForUpdate(manager, StaffMember, id);
      if (!staff) throw new NotFoundError('user');
      const link = await this.linkFor(manager, staff.id);
      const before = { email: staff.email, displayName: staff.displayName, externalId: link.externalId, givenName: link.givenName, familyName: link.familyName };
      const emailKey = desired.email.toLowerCase();
      if (emailKey !== staff.emailKey && (await manager.getRepository(StaffMember).existsBy({ emailKey, id: Not(staff.id) }))) throw new EmailTakenError();
      const after = { email: desired.email, displayName: desired.displayName, externalId: desired.externalId, givenName: desired.givenName, familyName: desired.familyName };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const nowIso = this.clock.nowIso();
        await manager.getRepository(StaffMember).update({ id: staff.id }, { email: desired.email, emailKey, displayName: desired.displayName, updatedAt: nowIso });
        Object.assign(link, { externalId: desired.externalId, givenName: desired.givenName, familyName: desired.familyName, updatedAt: nowIso });
        await manager.getRepository(ScimUser).save(link);
        await this.audit.record(manager, { actorId: null, action: 'scim.user_updated', subjectType: 'staff', subjectId: staff.id, details: { before, after } });
      }
      // Deactivation offboards now, in the same transaction as any profile change it came with.
      if (!desired.active && staff.status !== 'left') await this.offboarding.offboardWithin(manager, null, staff.id, { reason: IDENTITY_PROVIDER_REASON });
    });
    return this.get(id);
  }

  private async requireVisible(manager: EntityManager, id: string): Promise<{ staff: StaffMember; link: ScimUser | null }> {
    const staff = await manager.getRepository(StaffMember).findOneBy({ id });
    const link = staff ? await manager.getRepository(ScimUser).findOneBy({ staffId: staff.id }) : null;
    if (!staff || link?.deletedAt) throw new NotFoundError('user');
    return { staff, link };
  }

  /** The staff member's SCIM row, made on first touch for people created in Gatehouse itself. */
  private async linkFor(manager: EntityManager, staffId: string): Promise<ScimUser> {
    const existing = await manager.getRepository(ScimUser).findOneBy({ staffId });
    if (existing) return existing;
    const nowIso = this.clock.nowIso();
    const link = manager.getRepository(ScimUser).create({ staffId, externalId: null, givenName: null, familyName: null, deletedAt: null, createdAt: nowIso, updatedAt: nowIso });
    await manager.getRepository(ScimUser).insert(link);
    return link;
  }

  private async links(manager: EntityManager, staffIds: string[]): Promise<Map<string, ScimUser>> {
    if (staffIds.length === 0) return new Map();
    const rows = await manager.getRepository(ScimUser).createQueryBuilder('su').where('su.staffId IN (:...ids)', { ids: staffIds }).getMany();
    return new Map(rows.map((row) => [row.staffId, row]));
  }
}

function toInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ScimError('validation', 'invalidValue', 'startIndex and count must be integers.');
  return value;
}
