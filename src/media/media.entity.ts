import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, RefColumn, StringColumn } from '../common/database/entity-columns';

/** An uploaded image or video; the bytes live in the media directory under the id. */
@Entity('media')
export class Media {
  @IdColumn() id: string;
  @RefColumn() uploadedById: string;
  /** Sniffed from the bytes, never taken from the name or the client's header. */
  @StringColumn(100) mimeType: string;
  @IntColumn() bytes: number;
  @StringColumn(64) sha256: string;
  @InstantColumn() createdAt: string;
}
