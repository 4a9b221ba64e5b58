import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

@Entity('policies')
export class Policy {
  @PrimaryColumn({ type: 'varchar', length: 50 }) version: string;
  @StringColumn(200) title: string;
  @TextColumn() text: string;
  @InstantColumn() effectiveFrom: string;
  @InstantColumn() reviewDueAt: string;
  @RefColumn() createdById: string;
  @InstantColumn() createdAt: string;
}
