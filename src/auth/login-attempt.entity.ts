import { Entity } from 'typeorm';
import { BoolColumn, IdColumn, InstantColumn, StringColumn } from '../common/database/entity-columns';

@Entity('login_attempts')
export class LoginAttempt {
  @IdColumn() id: string;
  @StringColumn(320) emailKey: string;
  @InstantColumn() at: string;
  @BoolColumn() succeeded: boolean;
}
