import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { EmailPreference, NotificationPreference } from './notification-preference.entity';

/** How people want their mail, in the current transaction (or outside one). */
@Injectable()
export class NotificationPreferencesRepository {
  constructor(private readonly transactions: Transactions) {}

  /** The person's choice; no row means `immediate`. `manager` for callers that hold their own. */
  async emailOf(staffId: string, manager: EntityManager = this.transactions.manager): Promise<EmailPreference> {
    return (await manager.getRepository(NotificationPreference).findOneBy({ staffId }))?.email ?? 'immediate';
  }

  /** The choices of these people who made one (no entry means `immediate`). */
  async emailsOf(staffIds: string[], manager: EntityManager = this.transactions.manager): Promise<Map<string, EmailPreference>> {
    if (staffIds.length === 0) return new Map();
    const rows = await manager.getRepository(NotificationPreference).findBy({ staffId: In(staffIds) });
    return new Map(rows.map((row) => [row.staffId, row.email]));
  }

  async save(row: NotificationPreference): Promise<void> {
    await this.transactions.manager.getRepository(NotificationPreference).save(row);
  }
}
