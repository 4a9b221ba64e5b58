import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, FindOptionsWhere, In, IsNull, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Role } from './role';
import { STAFF_LIFECYCLE } from './staff-lifecycle';
import { StaffMember } from './staff.entity';

/** Staff members, read and written in the current transaction (or outside one). */
@Injectable()
export class StaffRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get rows(): Repository<StaffMember> {
    return this.manager.getRepository(StaffMember);
  }

  build(fields: DeepPartial<StaffMember>): StaffMember {
    return this.rows.create(fields);
  }

  async insert(staff: StaffMember): Promise<void> {
    await this.rows.insert(staff);
  }

  async save(staff: StaffMember): Promise<void> {
    await this.rows.save(staff);
  }

  /** Columns other than the status (the status moves through WritePath). */
  async updateFields(id: string, fields: Partial<Omit<StaffMember, 'status'>>, manager: EntityManager = this.manager): Promise<void> {
    await manager.getRepository(StaffMember).update({ id }, fields);
  }

  /** `manager` for callers that hold their own. */
  findById(id: string, manager: EntityManager = this.manager): Promise<StaffMember | null> {
    return manager.getRepository(StaffMember).findOneBy({ id });
  }

  /** What mail to the person needs: their address, and whether they have left. `manager` for callers that hold their own. */
  async mailingAddress(id: string, manager: EntityManager = this.manager): Promise<Pick<StaffMember, 'id' | 'email' | 'status' | 'hasLeft'> | null> {
    return (await this.mailingAddressesIn([id], manager))[0] ?? null;
  }

  /** `mailingAddress` for many people at once. */
  mailingAddressesIn(ids: string[], manager: EntityManager = this.manager): Promise<Pick<StaffMember, 'id' | 'email' | 'status' | 'hasLeft'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(StaffMember).find({ where: { id: In(ids) }, select: { id: true, email: true, status: true } });
  }

  findByIdOrFail(id: string): Promise<StaffMember> {
    return this.rows.findOneByOrFail({ id });
  }

  /** The person signing in or asking for a reset, by their lower-cased address. */
  findByEmailKey(emailKey: string): Promise<StaffMember | null> {
    return this.rows.findOneBy({ emailKey });
  }

  /** Not deleted through SCIM (a deleted record is invisible to the identity provider). */
  findProvisioned(id: string): Promise<StaffMember | null> {
    return this.rows.findOneBy({ id, deletedAt: IsNull() });
  }

  /** Whether someone other than `id` holds the address. */
  emailKeyTakenByOther(emailKey: string, id: string): Promise<boolean> {
    return this.rows.existsBy({ emailKey, id: Not(id) });
  }

  /** Replaces the hash only while it is still `verifiedHash`, so a password changed meanwhile is not put back. */
  async replacePasswordHash(id: string, verifiedHash: string, passwordHash: string): Promise<boolean> {
    return (await this.rows.update({ id, passwordHash: verifiedHash }, { passwordHash })).affected === 1;
  }

  findByIds(ids: string[]): Promise<StaffMember[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.rows.findBy({ id: In(ids) });
  }

  /** Held against concurrent changes until the transaction ends. */
  findForUpdate(id: string): Promise<StaffMember | null> {
    return this.transactions.findForUpdate(this.manager, StaffMember, id);
  }

  /** Whether anyone at all has a staff record (a fresh installation has none). */
  async any(): Promise<boolean> {
    return (await this.rows.count()) > 0;
  }

  /** These people, where SCIM has not deleted them. `manager` for callers that hold their own. */
  provisionedIn(ids: string[], manager: EntityManager = this.manager): Promise<StaffMember[]> {
    return manager.getRepository(StaffMember).findBy({ id: In(ids), deletedAt: IsNull() });
  }

  /** Everyone SCIM has not deleted, oldest first. */
  allProvisioned(manager: EntityManager = this.manager): Promise<StaffMember[]> {
    return manager.getRepository(StaffMember).find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  exists(where: FindOptionsWhere<StaffMember>): Promise<boolean> {
    return this.rows.existsBy(where);
  }

  query(alias: string): SelectQueryBuilder<StaffMember> {
    return this.rows.createQueryBuilder(alias);
  }

  /** Everyone who has not left (a leave still in the future included), oldest first. */
  notLeft(select?: (keyof StaffMember)[], manager: EntityManager = this.manager): Promise<StaffMember[]> {
    return manager.getRepository(StaffMember).find({
      where: { status: In(STAFF_LIFECYCLE.statesAllowing('offboard')) },
      order: { createdAt: 'ASC', id: 'ASC' },
      ...(select ? { select: Object.fromEntries(select.map((key) => [key, true])) } : {}),
    });
  }

  /*
   * The task providers' reads. Providers are built at module load, outside injection, and read with the
   * manager of the change or request they serve: these take that manager.
   */

  /** Everyone not left whose roles name any of `roles`, by id and roles (the JSON list matched with LIKE). */
  static presentWithAnyRole(manager: EntityManager, roles: readonly Role[]): Promise<Pick<StaffMember, 'id' | 'roles'>[]> {
    return manager
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select(['s.id', 's.roles'])
      .where('s.status IN (:...present)', { present: STAFF_LIFECYCLE.statesAllowing('offboard') })
      .andWhere(`(${roles.map((_, i) => `s.roles LIKE :role${i}`).join(' OR ')})`, Object.fromEntries(roles.map((role, i) => [`role${i}`, `%"${role}"%`])))
      .getMany();
  }

  /** Ids of everyone not left who has not acknowledged policy `version`. */
  static async presentIdsNotAcknowledging(manager: EntityManager, version: string): Promise<string[]> {
    const rows = await manager
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.status IN (:...present)', { present: STAFF_LIFECYCLE.statesAllowing('offboard') })
      .andWhere('NOT EXISTS (SELECT 1 FROM policy_acknowledgements k WHERE k."staffId" = s.id AND k."policyVersion" = :version)', { version })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Ids of everyone not left who holds `role`. */
  async activeIdsWithRole(role: Role): Promise<string[]> {
    return (await StaffRepository.presentWithAnyRole(this.manager, [role])).map((row) => row.id).sort();
  }
}
