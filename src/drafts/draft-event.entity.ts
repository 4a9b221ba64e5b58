import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn } from '../common/database/entity-columns';
import { DraftStatus } from './draft-lifecycle';

/** One line of a draft's history, written in the same transaction as the change it records. */
@Entity('draft_events')
export class DraftEvent {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  /** Position in the draft's history; the draft row lock makes it gapless. */
  @IntColumn() seq: number;
  @InstantColumn() at: string;
  @RefColumn(true) actorId: string | null;
  @StringColumn(40) action: string;
  @StringColumn(20, true) fromStatus: DraftStatus | null;
  @StringColumn(20) toStatus: DraftStatus;
  @RefColumn(true) revisionId: string | null;
  // `any` values: TypeORM's insert typing cannot take `unknown`; the content is plain JSON.
  @JsonColumn() details: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
