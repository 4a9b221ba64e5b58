import { Entity } from 'typeorm';
import type { PlatformTaskStatus } from './platform-task-lifecycle';
import { IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

/** Work a person must do on the platform itself, e.g. delete a post where the API offers no delete. */
@Entity('platform_tasks')
export class PlatformTask {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn(true) draftId: string | null;
  @StringColumn(40) kind: 'remove_post';
  @StringColumn(10) status: PlatformTaskStatus;
  @TextColumn() reason: string;
  @RefColumn() createdById: string;
  @InstantColumn() createdAt: string;
  @RefColumn(true) completedById: string | null;
  @InstantColumn(true) completedAt: string | null;
  @TextColumn(true) note: string | null;
}
