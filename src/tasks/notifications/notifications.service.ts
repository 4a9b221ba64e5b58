import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../../auth/caller';
import { Permission, rolesGrant } from '../../auth/permissions';
import { Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { Keyset, keysetPage, Page } from '../../common/pagination';
import { NotificationListQuery } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

export interface NewNotification {
  kind: string;
  /** The same thing found again produces the same key, and no second notification. */
  dedupeKey: string;
  subjectType: string;
  subjectId: string | null;
  message: string;
  details?: Record<string, unknown>;
}

export interface NotificationView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  message: string;
  details: Record<string, unknown>;
  createdAt: string;
  /** For what was sent to the caller: `pending`, `sent`, `failed` (gave up after 24 hours), `digest`, `in_digest`, `off`, `no_mail`; null for the jobs' findings. */
  emailStatus: string | null;
}

const toView = (row: Notification): NotificationView => ({
  id: row.id,
  kind: row.kind,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  message: row.message,
  details: row.details,
  createdAt: row.createdAt,
  emailStatus: row.emailStatus ?? null,
});

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  /** Records the ones not recorded before (by dedupe key); returns those it recorded. */
  async notify(manager: EntityManager, items: NewNotification[]): Promise<Notification[]> {
    const unique = [...new Map(items.map((item) => [item.dedupeKey, item])).values()];
    if (unique.length === 0) return [];
    const known = new Set<string>();
    for (let i = 0; i < unique.length; i += 500) {
      const keys = unique.slice(i, i + 500).map((item) => item.dedupeKey);
      for (const key of await this.notifications.knownKeys(keys, manager)) known.add(key);
    }
    const nowIso = this.clock.nowIso();
    const fresh = unique
      .filter((item) => !known.has(item.dedupeKey))
      .map((item) => this.notifications.build({ id: newId(), ...item, details: item.details ?? {}, createdAt: nowIso }, manager));
    // The unique index is the last word if two writers ever race.
    for (let i = 0; i < fresh.length; i += 200) await this.notifications.insertIgnoringDuplicates(fresh.slice(i, i + 200), manager);
    return fresh;
  }

  /** The caller's own (what was sent to them) and, for managers and admins, the scheduled jobs' findings; newest first. */
  async list(caller: Caller, query: NotificationListQuery): Promise<Page<NotificationView>> {
    const builder = this.notifications.query('n');
    if (rolesGrant(caller.roles, Permission.NotificationsRead)) builder.where('(n.recipientStaffId = :me OR n.recipientStaffId IS NULL)', { me: caller.staffId });
    else builder.where('n.recipientStaffId = :me', { me: caller.staffId });
    if (query.kind) builder.andWhere('n.kind = :kind', { kind: query.kind });
    const newest: Keyset<Notification> = { columns: ['n.createdAt', 'n.id'], direction: 'DESC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, newest, query, (rows) => rows.map(toView));
  }
}
