import { Entity } from 'typeorm';
import { BoolColumn, IdColumn, InstantColumn, RefColumn, StringColumn } from '../common/database/entity-columns';

export const CONSENT_DECISIONS = ['granted', 'refused'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export type ConsentStatus = 'pending' | ConsentDecision;

/**
 * A colleague's permission to post one image of them in one draft. `active` is false while the
 * draft's current revision no longer depicts them; the decision is kept should it return.
 */
@Entity('consent_requests')
export class ConsentRequest {
  @IdColumn() id: string;
  @RefColumn() draftId: string;
  @RefColumn() mediaId: string;
  @RefColumn() staffId: string;
  @StringColumn(10) status: ConsentStatus;
  @BoolColumn() active: boolean;
  @RefColumn() requestedById: string;
  @InstantColumn() createdAt: string;
  @InstantColumn(true) decidedAt: string | null;
}
