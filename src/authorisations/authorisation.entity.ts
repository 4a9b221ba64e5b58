import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, TextColumn } from '../common/database/entity-columns';

/** A manager's grant of one staff member's access to one account. */
@Entity('authorisations')
export class Authorisation {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn() staffId: string;
  @RefColumn() grantedById: string;
  @InstantColumn() grantedAt: string;
  @TextColumn() reason: string;
  @InstantColumn(true) expiresAt: string | null;
  @InstantColumn(true) revokedAt: string | null;
  @RefColumn(true) revokedById: string | null;
  @TextColumn(true) revokeReason: string | null;

  /** Expiry takes effect at its instant, whether or not any job has run. */
  isActiveAt(nowIso: string): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt > nowIso);
  }
}
