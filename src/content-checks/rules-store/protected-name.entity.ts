import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, RefColumn } from '../../common/database/entity-columns';

/** One protected name, as the salted hashes it is found by: the name itself is never stored. */
@Entity('protected_names')
export class ProtectedName {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64, unique: true }) entryHash: string;
  @JsonColumn() hashes: string[];
  /** Salted filter values of the name's words; null for an entry seeded from a file that had none. */
  @JsonColumn(true) filters: number[] | null;
  @InstantColumn() createdAt: string;
  @RefColumn(true) createdById: string | null;
}
