import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn } from '../../common/database/entity-columns';

/** The one row holding the organisation's content rules; `version` goes up with every change. */
@Entity('content_rules')
export class ContentRuleSettings {
  static readonly ID = 'current';

  @PrimaryColumn({ type: 'varchar', length: 20 }) id: string;
  @IntColumn() version: number;
  @JsonColumn() prohibitedTerms: string[];
  @JsonColumn() orgDomains: string[];
  /** The salt of the protected-name hashes; never shown. */
  @StringColumn(100) protectedNamesSalt: string;
  @InstantColumn(true) protectedNamesUpdatedAt: string | null;
  @InstantColumn() updatedAt: string;
  @RefColumn(true) updatedById: string | null;
}
