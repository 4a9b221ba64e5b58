import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../common/clock';
import { addMs, DAY } from '../../common/time';
import { Transactions } from '../../common/database/transactions';
import { Notification } from '../notifications/notification.entity';
import { StaffMember } from '../../staff/staff.entity';
import { digestContent } from './mail-content';
import { MailOutboxWriter } from './mail-outbox-writer';

const PEOPLE_PER_RUN = 500;
const ITEMS_PER_DIGEST = 100;

/** The daily mail of those who chose `daily`: one per person, listing what they were not mailed about one by one. */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly writer: MailOutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** Writes the digests to the outbox; returns how many. */
  async queueDigests(): Promise<number> {
    const recipients = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .select('DISTINCT n.recipientStaffId', 'staffId')
      .where('n.emailStatus = :digest', { digest: 'digest' })
      .limit(PEOPLE_PER_RUN)
      .getRawMany<{ staffId: string }>();
    let queued = 0;
    for (const { staffId } of recipients) {
      const wrote = await this.transactions.run(async (manager) => {
        const items = await manager.getRepository(Notification).find({ where: { recipientStaffId: staffId, emailStatus: 'digest' }, order: { createdAt: 'ASC', id: 'ASC' }, take: ITEMS_PER_DIGEST });
        const person = await manager.getRepository(StaffMember).findOne({ where: { id: staffId }, select: { id: true, email: true, status: true } });
        const ids = items.map((item) => item.id);
        if (!person || person.hasLeft() || items.length === 0) {
          if (ids.length > 0) await manager.getRepository(Notification).update({ id: In(ids) }, { emailStatus: 'off' });
          return false;
        }
        await manager.getRepository(Notification).update({ id: In(ids) }, { emailStatus: 'in_digest' });
        const content = digestContent(items.map((item) => ({ title: item.message, link: this.writer.link(String(item.details.path ?? '/')) })), this.writer.link('/'));
        await this.writer.enqueue(manager, { kind: 'digest', toAddress: person.email, recipientStaffId: person.id, notificationId: null, content, giveUpAt: addMs(this.clock.nowIso(), DAY) });
        return true;
      });
      if (wrote) queued += 1;
    }
    return queued;
  }
}
