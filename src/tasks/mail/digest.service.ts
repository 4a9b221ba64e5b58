import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { addMs, DAY } from '../../common/time';
import { Transactions } from '../../common/database/transactions';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { StaffRepository } from '../../staff/staff.repository';
import { digestContent } from './mail-content';
import { MailOutboxWriter } from './mail-outbox-writer';

const PEOPLE_PER_RUN = 500;
const ITEMS_PER_DIGEST = 100;

/** The daily mail of those who chose `daily`: one per person, listing what they were not mailed about one by one. */
@Injectable()
export class DigestService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly staff: StaffRepository,
    private readonly transactions: Transactions,
    private readonly writer: MailOutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** Writes the digests to the outbox; returns how many. */
  async queueDigests(): Promise<number> {
    const recipients = await this.notifications.digestRecipients(PEOPLE_PER_RUN);
    let queued = 0;
    for (const staffId of recipients) {
      const wrote = await this.transactions.run(async (manager) => {
        const items = await this.notifications.waitingForDigest(staffId, ITEMS_PER_DIGEST);
        const person = await this.staff.mailingAddress(staffId);
        const ids = items.map((item) => item.id);
        if (!person || person.hasLeft() || items.length === 0) {
          if (ids.length > 0) await this.notifications.setEmailStatus(ids, 'off');
          return false;
        }
        await this.notifications.setEmailStatus(ids, 'in_digest');
        const content = digestContent(items.map((item) => ({ title: item.message, link: this.writer.link(String(item.details.path ?? '/')) })), this.writer.link('/'));
        await this.writer.enqueue(manager, { kind: 'digest', toAddress: person.email, recipientStaffId: person.id, notificationId: null, content, giveUpAt: addMs(this.clock.nowIso(), DAY) });
        return true;
      });
      if (wrote) queued += 1;
    }
    return queued;
  }
}
