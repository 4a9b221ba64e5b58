import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { Notification } from './notification.entity';

/** Notifications, in the current transaction (or outside one); `manager` for callers that hold their own. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private notifications(manager: EntityManager = this.transactions.manager): Repository<Notification> {
    return manager.getRepository(Notification);
  }

  build(fields: DeepPartial<Notification>, manager?: EntityManager): Notification {
    return this.notifications(manager).create(fields);
  }

  async insert(rows: Notification | Notification[], manager?: EntityManager): Promise<void> {
    await this.notifications(manager).insert(rows);
  }

  /** Inserts these, leaving out any whose dedupe key a concurrent writer recorded first (the unique index decides). */
  async insertIgnoringDuplicates(rows: Notification[], manager?: EntityManager): Promise<void> {
    await this.notifications(manager).createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
  }

  /** Which of these dedupe keys are already recorded. */
  async knownKeys(keys: string[], manager?: EntityManager): Promise<string[]> {
    const rows = await this.notifications(manager).find({ where: { dedupeKey: In(keys) }, select: { dedupeKey: true } });
    return rows.map((row) => row.dedupeKey);
  }

  query(alias: string): SelectQueryBuilder<Notification> {
    return this.notifications().createQueryBuilder(alias);
  }

  /** People with notifications waiting for their daily mail, at most `limit`. */
  async digestRecipients(limit: number): Promise<string[]> {
    const rows = await this.query('n').select('DISTINCT n.recipientStaffId', 'staffId').where('n.emailStatus = :digest', { digest: 'digest' }).limit(limit).getRawMany<{ staffId: string }>();
    return rows.map((row) => row.staffId);
  }

  /** The person's notifications waiting for their daily mail, oldest first, at most `limit`. */
  waitingForDigest(staffId: string, limit: number): Promise<Notification[]> {
    return this.notifications().find({ where: { recipientStaffId: staffId, emailStatus: 'digest' }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async setEmailStatus(ids: string[], emailStatus: string, manager?: EntityManager): Promise<void> {
    await this.notifications(manager).update({ id: In(ids) }, { emailStatus });
  }

  /** What became of a digest, for every notification it listed (queued for it by `at`). */
  async settleDigestOf(staffId: string, at: string, emailStatus: string, manager?: EntityManager): Promise<void> {
    await this.notifications(manager)
      .createQueryBuilder()
      .update()
      .set({ emailStatus })
      .where('recipientStaffId = :staffId AND emailStatus = :queued AND createdAt <= :at', { staffId, queued: 'in_digest', at })
      .execute();
  }
}
