import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, JsonColumn, StringColumn } from '../common/database/entity-columns';

/** What the identity provider knows about a staff member beyond the staff record. */
@Entity('scim_users')
export class ScimUser {
  @IdColumn() staffId: string;
  @StringColumn(200, true) externalId: string | null;
  @StringColumn(200, true) givenName: string | null;
  @StringColumn(200, true) familyName: string | null;
  /** Set by a SCIM DELETE: the user then answers 404 to the identity provider. */
  @InstantColumn(true) deletedAt: string | null;
  /** Lower-cased `emails[type eq "work"].value`, for the filter Entra ID matches on. */
  @StringColumn(320, true) workEmailKey: string | null;
  /** Every other attribute the provider set (emails, name parts, title, extensions...), read back as it was sent. */
  // `any`: TypeORM's partial-entity types refuse `unknown` values in a JSON column.
  @JsonColumn(true) document: Record<string, any> | null;
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;
}
