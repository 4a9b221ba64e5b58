import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn, StringColumn } from '../common/database/entity-columns';

@Entity('policy_acknowledgements')
export class PolicyAcknowledgement {
  @IdColumn() id: string;
  @StringColumn(50) policyVersion: string;
  @RefColumn() staffId: string;
  @InstantColumn() acknowledgedAt: string;
}
