import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';
import { DraftMedia } from './draft-media';

/** One version of a draft's content. Never updated: an edit writes a new revision. */
@Entity('draft_revisions')
export class DraftRevision {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @IntColumn() number: number;
  @TextColumn() text: string;
  @StringColumn(500, true) title: string | null;
  @StringColumn(2000, true) link: string | null;
  @JsonColumn() media: DraftMedia[];
  /** SHA-256 of the canonical content, so an approval names exactly what was approved. */
  @StringColumn(64) contentHash: string;
  @InstantColumn() createdAt: string;
  @RefColumn() createdById: string;
}
