import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, TextColumn } from '../common/database/entity-columns';

/** One line of a concern's investigation record; never edited. */
@Entity('concern_notes')
export class ConcernNote {
  @IdColumn() id: string;
  @RefColumn() concernId: string;
  @RefColumn() authorId: string;
  @InstantColumn() at: string;
  @TextColumn() text: string;
}
