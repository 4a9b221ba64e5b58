import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

export type RemovalOutcome = 'taken_down' | 'takedown_pending' | 'consent_withdrawn';

/** A colleague's (or a manager's) request that a post showing them comes down, and what Gatehouse did. */
@Entity('removal_requests')
export class RemovalRequest {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @RefColumn() requestedById: string;
  @InstantColumn() requestedAt: string;
  @TextColumn() reason: string;
  @StringColumn(20) outcome: RemovalOutcome;
  /** The concern of kind `post` recorded with the request. */
  @RefColumn() concernId: string;
  /** The manual removal task, where the platform offers no delete. */
  @RefColumn(true) platformTaskId: string | null;
}
