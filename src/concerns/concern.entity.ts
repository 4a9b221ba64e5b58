import { Entity } from 'typeorm';
import { BoolColumn, IdColumn, InstantColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';
import { ConcernStatus } from './concern-lifecycle';

export const CONCERN_KINDS = ['post', 'colleague_conduct', 'content_about_us', 'harassment', 'mistake', 'other'] as const;
export type ConcernKind = (typeof CONCERN_KINDS)[number];
export const BREACH_DECISIONS = ['reportable', 'not_reportable'] as const;
export type BreachDecision = (typeof BREACH_DECISIONS)[number];

/** The ICO must hear of a reportable personal data breach within 72 hours of the organisation becoming aware of it. */
export const ICO_DEADLINE_MS = 72 * 60 * 60 * 1000;

/**
 * A concern raised by a member of staff, with its investigation and, when it concerns personal data,
 * its breach assessment (the breach columns are all null when there is no breach).
 */
@Entity('concerns')
export class Concern {
  @IdColumn() id: string;
  @StringColumn(30) kind: ConcernKind;
  @StringColumn(20) status: ConcernStatus;
  @TextColumn() description: string;
  @RefColumn(true) draftId: string | null;
  @StringColumn(2000, true) url: string | null;
  @RefColumn() reportedById: string;
  @InstantColumn() reportedAt: string;
  @BoolColumn() involvesServiceUsers: boolean;
  @BoolColumn() personalData: boolean;
  @RefColumn(true) assignedToId: string | null;
  @InstantColumn(true) safeguardingNotifiedAt: string | null;
  @InstantColumn(true) hrAdviceSoughtAt: string | null;
  @TextColumn(true) outcome: string | null;
  @InstantColumn(true) resolvedAt: string | null;
  @RefColumn(true) resolvedById: string | null;
  @InstantColumn(true) breachAwareAt: string | null;
  @InstantColumn(true) breachIcoDeadline: string | null;
  @StringColumn(20, true) breachDecision: BreachDecision | null;
  @TextColumn(true) breachDecisionReason: string | null;
  @RefColumn(true) breachDecidedById: string | null;
  @InstantColumn(true) breachDecidedAt: string | null;
  @StringColumn(200, true) breachIcoReference: string | null;
  @InstantColumn(true) breachReportedToIcoAt: string | null;
  @InstantColumn() updatedAt: string;

  hasBreach(): boolean {
    return this.breachAwareAt !== null;
  }

  breachUndecided(): boolean {
    return this.hasBreach() && this.breachDecision === null;
  }
}
