import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, StringColumn } from '../common/database/entity-columns';

/** One row per scheduled job: whichever instance moves lockedUntil forward runs this tick. */
@Entity('job_locks')
export class JobLock {
  @PrimaryColumn({ type: 'varchar', length: 60 }) name: string;
  @InstantColumn() lockedUntil: string;
  @StringColumn(60) lockedBy: string;
  @InstantColumn(true) lastRunAt: string | null;
}
