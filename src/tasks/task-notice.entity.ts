import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn } from '../common/database/entity-columns';

/** A task someone has been told about; deleted when the task is done, so one that comes back is new. */
@Entity('task_notices')
export class TaskNotice {
  @IdColumn() id: string;
  @RefColumn() staffId: string;
  @StringColumn(40) kind: string;
  @StringColumn(100) subjectId: string;
  @InstantColumn() openedAt: string;
}
