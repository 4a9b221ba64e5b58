import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, RefColumn, StringColumn, TextColumn } from '../../common/database/entity-columns';

export type MailStatus = 'pending' | 'sent' | 'failed';
export type MailKind = 'notification' | 'digest' | 'password_reset';

/** One email to send, written in the transaction of the change that caused it. */
@Entity('mail_outbox')
export class MailOutbox {
  @IdColumn() id: string;
  @StringColumn(20) kind: MailKind;
  @RefColumn(true) notificationId: string | null;
  @RefColumn(true) recipientStaffId: string | null;
  @StringColumn(320) toAddress: string;
  @StringColumn(300) subject: string;
  @TextColumn() text: string;
  @TextColumn() html: string;
  @StringColumn(10) status: MailStatus;
  @IntColumn() attempts: number;
  @InstantColumn() nextAttemptAt: string;
  @InstantColumn() giveUpAt: string;
  @StringColumn(60, true) claimedBy: string | null;
  @InstantColumn(true) claimedUntil: string | null;
  @InstantColumn() createdAt: string;
  @InstantColumn(true) sentAt: string | null;
  @TextColumn(true) lastError: string | null;
}
