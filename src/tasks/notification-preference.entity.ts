import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, StringColumn } from '../common/database/entity-columns';

export const EMAIL_PREFERENCES = ['immediate', 'daily', 'off'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

/** How a person wants their mail; no row means `immediate`. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'varchar', length: 36 }) staffId: string;
  @StringColumn(10) email: EmailPreference;
  @InstantColumn() updatedAt: string;
}
