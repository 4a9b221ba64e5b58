import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

/** One link of the hash chain. Rows are only ever inserted. */
@Entity('audit_entries')
export class AuditEntry {
  /** Assigned as previous id + 1 under the chain lock, so ids are gapless and in chain order. */
  @PrimaryColumn({ type: 'integer' }) id: number;
  @InstantColumn() at: string;
  @RefColumn(true) actorId: string | null;
  @StringColumn(100) action: string;
  @StringColumn(50) subjectType: string;
  @StringColumn(100, true) subjectId: string | null;
  /** Canonical JSON, stored as the exact text that was hashed. */
  @TextColumn() details: string;
  @StringColumn(64) prevHash: string;
  @StringColumn(64) hash: string;
  /** Ed25519 over `hash`, base64url; NULL only on entries from before signing, until they are signed once. */
  @StringColumn(86, true) signature: string | null;
}
