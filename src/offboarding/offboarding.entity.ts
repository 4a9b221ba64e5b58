import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

export type OffboardingStatus = 'scheduled' | 'completed' | 'cancelled';

/** One leave: requested now or for a future instant, and once applied, the report auditors read. */
@Entity('offboardings')
export class Offboarding {
  @IdColumn() id: string;
  @RefColumn() staffId: string;
  @StringColumn(20) status: OffboardingStatus;
  @TextColumn() reason: string;
  @InstantColumn() effectiveAt: string;
  /** Null when the identity provider or a job acted. */
  @RefColumn(true) actorId: string | null;
  /** Chosen by the admin; null means "line manager if active, else each account's owner". */
  @RefColumn(true) transferToId: string | null;
  @InstantColumn() requestedAt: string;
  @InstantColumn(true) completedAt: string | null;
  @InstantColumn(true) cancelledAt: string | null;
  @RefColumn(true) cancelledById: string | null;
  @JsonColumn() revokedAuthorisations: string[];
  @IntColumn() sessionsRevoked: number;
  @JsonColumn() draftsTransferred: string[];
  @JsonColumn() submissionsReturned: string[];
  @JsonColumn() postsHeld: string[];
  @JsonColumn() accountsRequiringCredentialRotation: string[];
}
