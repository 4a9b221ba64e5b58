import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../../common/database/entity-columns';

/**
 * Something a scheduled job found that managers should know (no recipient), or what was sent to one person
 * (a task, news of their post); the dedupe key makes it once only.
 */
@Entity('notifications')
export class Notification {
  @IdColumn() id: string;
  @StringColumn(60) kind: string;
  @StringColumn(300) dedupeKey: string;
  @StringColumn(40) subjectType: string;
  @StringColumn(100, true) subjectId: string | null;
  @TextColumn() message: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  @JsonColumn() details: Record<string, any>;
  @InstantColumn() createdAt: string;
  @RefColumn(true) recipientStaffId: string | null;
  /** For a person's notification: `pending`, `sent`, `failed`, `digest` (waits for the daily mail), `off`, `no_mail` (no SMTP). */
  @StringColumn(20, true) emailStatus: string | null;
}
