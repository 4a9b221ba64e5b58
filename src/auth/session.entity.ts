import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn } from '../common/database/entity-columns';

@Entity('sessions')
export class Session {
  @IdColumn() id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  @StringColumn(64) tokenHash: string;
  @RefColumn() staffId: string;
  @InstantColumn() createdAt: string;
  @InstantColumn() expiresAt: string;
  @InstantColumn(true) revokedAt: string | null;

  isLiveAt(nowIso: string): boolean {
    return sessionIsLiveAt(this, nowIso);
  }
}

export function sessionIsLiveAt(session: Pick<Session, 'revokedAt' | 'expiresAt'>, nowIso: string): boolean {
  return session.revokedAt === null && session.expiresAt > nowIso;
}
