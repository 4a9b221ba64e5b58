import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

export type OffboardingTaskKind = 'remove_platform_admin';
export type OffboardingTaskStatus = 'open' | 'done';

/** Something a person must do on a platform itself, because Gatehouse cannot (e.g. remove a Page role). */
@Entity('offboarding_tasks')
export class OffboardingTask {
  @IdColumn() id: string;
  @RefColumn() offboardingId: string;
  @RefColumn() staffId: string;
  @RefColumn() accountId: string;
  @StringColumn(40) kind: OffboardingTaskKind;
  @StringColumn(10) status: OffboardingTaskStatus;
  @InstantColumn() createdAt: string;
  @InstantColumn(true) completedAt: string | null;
  @RefColumn(true) completedById: string | null;
  @TextColumn(true) note: string | null;
}
