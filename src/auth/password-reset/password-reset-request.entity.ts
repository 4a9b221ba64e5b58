import { Entity } from 'typeorm';
import { BoolColumn, IdColumn, InstantColumn, StringColumn } from '../../common/database/entity-columns';

/** Every reset asked for, known address or not (the same write either way); `emailed` counts towards the hourly limit. */
@Entity('password_reset_requests')
export class PasswordResetRequest {
  @IdColumn() id: string;
  @StringColumn(320) emailKey: string;
  @InstantColumn() at: string;
  @BoolColumn() emailed: boolean;
}
