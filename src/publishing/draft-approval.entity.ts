import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../common/database/entity-columns';

/** A manager's approval of one revision of a draft; an edit voids it (the new revision needs its own). */
@Entity('draft_approvals')
export class DraftApproval {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @RefColumn() revisionId: string;
  @RefColumn() managerId: string;
  @InstantColumn() approvedAt: string;
  @InstantColumn(true) voidedAt: string | null;
}
