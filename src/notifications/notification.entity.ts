import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, StringColumn, TextColumn } from '../database/entity-columns';

/** Something a scheduled job found that managers should know; the dedupe key makes it once only. */
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
}
