import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, RefColumn } from '../common/database/entity-columns';

/**
 * The durable hand-over from approval to publishing, written in the approval's transaction so the
 * decision survives Redis being down. One row per approved revision (unique on revisionId).
 */
@Entity('publish_outbox')
export class PublishOutbox {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @RefColumn() revisionId: string;
  @RefColumn() accountId: string;
  /** The scheduled time, or the approval time when it should go now. */
  @InstantColumn() notBefore: string;
  @InstantColumn() createdAt: string;
  @InstantColumn(true) dispatchedAt: string | null;
  @IntColumn() attempts: number;
}
