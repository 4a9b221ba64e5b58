import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, StringColumn } from '../database/entity-columns';

/** What the identity provider knows about a staff member beyond the staff record. */
@Entity('scim_users')
export class ScimUser {
  @IdColumn() staffId: string;
  @StringColumn(200, true) externalId: string | null;
  @StringColumn(200, true) givenName: string | null;
  @StringColumn(200, true) familyName: string | null;
  /** Set by a SCIM DELETE: the user then answers 404 to the identity provider. */
  @InstantColumn(true) deletedAt: string | null;
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;
}
