import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn } from '../../common/database/entity-columns';

/** A reset link's token, by its SHA-256 only. */
@Entity('password_reset_tokens')
export class PasswordResetToken {
  @IdColumn() id: string;
  @RefColumn() staffId: string;
  @StringColumn(64) tokenHash: string;
  @InstantColumn() createdAt: string;
  @InstantColumn() expiresAt: string;
  @InstantColumn(true) usedAt: string | null;
}
