import { Injectable } from '@nestjs/common';
import { Brackets, DeepPartial, In, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { ScimUser } from './scim-user.entity';
import { UserFilterAttribute } from './scim-user-mapping';

/** The SCIM side of staff records, and the users the identity provider may list, in the current transaction (or outside one). */
@Injectable()
export class ScimUsersRepository {
  constructor(private readonly transactions: Transactions) {}

  private get links(): Repository<ScimUser> {
    return this.transactions.manager.getRepository(ScimUser);
  }

  /**
   * One page of the users not deleted, oldest first, and how many match. Values compare case-insensitively
   * (userName, externalId, work email): SCIM says so of userName, and providers send the case they stored.
   */
  async page(filter: { attribute: UserFilterAttribute; value: string } | null, startIndex: number, count: number): Promise<{ total: number; rows: StaffMember[] }> {
    const builder = this.transactions.manager.getRepository(StaffMember).createQueryBuilder('s').leftJoin(ScimUser, 'su', 'su.staffId = s.id').where('s.deletedAt IS NULL');
    const key = filter?.value.trim().toLowerCase();
    if (filter?.attribute === 'userName') builder.andWhere('s.emailKey = :key', { key });
    if (filter?.attribute === 'externalId') builder.andWhere('LOWER(su.externalId) = :key', { key });
    if (filter?.attribute === 'id') builder.andWhere('s.id = :key', { key });
    if (filter?.attribute === 'workEmail') {
      // People never touched by SCIM show their one address as the work email.
      builder.andWhere(new Brackets((where) => where.where('su.workEmailKey = :key', { key }).orWhere('(su.staffId IS NULL AND s.emailKey = :key)', { key })));
    }
    const total = await builder.getCount();
    const rows = count === 0 ? [] : await builder.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC').skip(startIndex - 1).take(count).getMany();
    return { total, rows };
  }

  build(fields: DeepPartial<ScimUser>): ScimUser {
    return this.links.create(fields);
  }

  async insert(link: ScimUser): Promise<void> {
    await this.links.insert(link);
  }

  async save(link: ScimUser): Promise<void> {
    await this.links.save(link);
  }

  linkOf(staffId: string): Promise<ScimUser | null> {
    return this.links.findOneBy({ staffId });
  }

  linksOf(staffIds: string[]): Promise<ScimUser[]> {
    return staffIds.length === 0 ? Promise.resolve([]) : this.links.findBy({ staffId: In(staffIds) });
  }
}
