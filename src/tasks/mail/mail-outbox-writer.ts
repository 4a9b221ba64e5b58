import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { Clock } from '../../common/clock';
import { WritePath } from '../../common/write-path/write-path';
import { newId } from '../../common/ids';
import { addMs, DAY } from '../../common/time';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { Notification } from '../notifications/notification.entity';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { StaffMember } from '../../staff/staff.entity';
import { StaffRepository } from '../../staff/staff.repository';
import { EmailPreference } from '../notification-preference.entity';
import { NotificationPreferencesRepository } from '../notification-preferences.repository';
import { MailContent, renderHtml, renderText } from './mail-content';
import { MAIL_LIFECYCLE } from './mail-lifecycle';
import { MailKind, MailOutbox } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';

/** Rows a statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const PEOPLE_PER_QUERY = 500;

export interface PersonalNews {
  staffId: string;
  /** A task kind, or `post_published` and the like. */
  kind: string;
  subjectType: string;
  subjectId: string;
  /** The in-app line and the mail's first line. */
  title: string;
  subject: string;
  path: string;
}

/** Writes, in the caller's transaction, the in-app notification and (by the person's preference) the mail. */
@Injectable()
export class MailOutboxWriter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly staff: StaffRepository,
    private readonly preferences: NotificationPreferencesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: MailOutboxRepository,
  ) {}

  get enabled(): boolean {
    return this.config.mail.smtp !== null;
  }

  link(path: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}${path}`;
  }

  /**
   * Each piece of news to its person; `cause` is the entry of the change it is of, which the mail's own entry
   * follows from. The people and their preferences are read once for all of them.
   */
  async toPeople(manager: EntityManager, items: { news: PersonalNews; cause?: AuditEntry }[]): Promise<void> {
    if (items.length === 0) return;
    const staffIds = [...new Set(items.map(({ news }) => news.staffId))];
    const people = new Map<string, Pick<StaffMember, 'id' | 'email' | 'status' | 'hasLeft'>>();
    const preferences = new Map<string, EmailPreference>();
    for (let i = 0; i < staffIds.length; i += PEOPLE_PER_QUERY) {
      const ids = staffIds.slice(i, i + PEOPLE_PER_QUERY);
      for (const person of await this.staff.mailingAddressesIn(ids, manager)) people.set(person.id, person);
      for (const [staffId, email] of await this.preferences.emailsOf(ids, manager)) preferences.set(staffId, email);
    }
    const nowIso = this.clock.nowIso();
    const written = items.flatMap(({ news, cause }) => {
      const person = people.get(news.staffId);
      if (!person || person.hasLeft()) return [];
      const preference = preferences.get(person.id) ?? 'immediate';
      const emailStatus = !this.enabled ? 'no_mail' : preference === 'immediate' ? 'pending' : preference === 'daily' ? 'digest' : 'off';
      const id = newId();
      const notification: Notification = {
        id,
        kind: news.kind,
        dedupeKey: `person:${id}`,
        subjectType: news.subjectType,
        subjectId: news.subjectId,
        message: news.title,
        details: { path: news.path },
        createdAt: nowIso,
        recipientStaffId: person.id,
        emailStatus,
      };
      return [{ news, cause, person, notification }];
    });
    for (let i = 0; i < written.length; i += PEOPLE_PER_QUERY) {
      await this.notifications.insert(written.slice(i, i + PEOPLE_PER_QUERY).map(({ notification }) => notification), manager);
    }
    const mails = written
      .filter(({ notification }) => notification.emailStatus === 'pending')
      .map(({ news, cause, person, notification }) => ({
        mail: {
          kind: 'notification' as const,
          toAddress: person.email,
          recipientStaffId: person.id,
          notificationId: notification.id,
          content: { subject: news.subject, lines: [news.title + '.'], link: this.link(news.path), linkLabel: 'Open it in Gatehouse' },
          giveUpAt: addMs(nowIso, DAY),
        },
        cause,
      }));
    for (let i = 0; i < mails.length; i += PEOPLE_PER_QUERY) await this.enqueueMany(manager, mails.slice(i, i + PEOPLE_PER_QUERY));
  }

  /** A mail to an address; `giveUpAt` ends the retries (a reset link is no use after it expires). */
  async enqueue(manager: EntityManager, mail: OutgoingMail, cause?: AuditEntry): Promise<void> {
    await this.enqueueMany(manager, [{ mail, cause }]);
  }

  /** Many mails in one insert and one audit write, each entry following from its own cause. */
  private async enqueueMany(manager: EntityManager, mails: { mail: OutgoingMail; cause?: AuditEntry }[]): Promise<void> {
    if (!this.enabled || mails.length === 0) return;
    const nowIso = this.clock.nowIso();
    const rows = mails.map(({ mail }): MailOutbox => ({
      id: newId(),
      kind: mail.kind,
      notificationId: mail.notificationId,
      recipientStaffId: mail.recipientStaffId,
      toAddress: mail.toAddress,
      subject: mail.content.subject,
      text: renderText(mail.content),
      html: renderHtml(mail.content),
      status: MAIL_LIFECYCLE.initial,
      attempts: 0,
      nextAttemptAt: nowIso,
      giveUpAt: mail.giveUpAt,
      claimedBy: null,
      claimedUntil: null,
      createdAt: nowIso,
      sentAt: null,
      lastError: null,
    }));
    await this.outbox.insert(rows, manager);
    // Whom and what kind only: the body may carry a secret link.
    await this.writePath.createdMany(
      manager,
      MAIL_LIFECYCLE,
      rows.map((row, index) => ({ subject: row, change: { actorId: null, details: { recipientStaffId: row.recipientStaffId, kind: row.kind }, cause: mails[index].cause } })),
    );
  }
}

interface OutgoingMail {
  kind: MailKind;
  toAddress: string;
  recipientStaffId: string | null;
  notificationId: string | null;
  content: MailContent;
  giveUpAt: string;
}
