import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

/**
 * `sending` is written and committed before the platform is called; a run that finds one left over knows
 * a previous call's outcome is unknown (the worker died or lost the answer) and never calls again.
 */
export type AttemptOutcome = 'sending' | 'published' | 'refused' | 'rate_limited' | 'not_created' | 'unknown' | 'settled';

/** The ledger of calls to a platform's create endpoint: at most one unknown outcome per revision, ever. */
@Entity('publish_attempts')
export class PublishAttempt {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @RefColumn() revisionId: string;
  @InstantColumn() startedAt: string;
  @InstantColumn(true) finishedAt: string | null;
  @StringColumn(20) outcome: AttemptOutcome;
  @TextColumn(true) detail: string | null;
}
