import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';
import { StoredDpiaStatus } from './dpia-lifecycle';

export const LIKELIHOODS = ['remote', 'possible', 'probable'] as const;
export const SEVERITIES = ['minimal', 'significant', 'severe'] as const;
export const RESIDUAL_RISKS = ['low', 'medium', 'high'] as const;
export const DECISIONS = ['approved', 'rejected'] as const;
export type DpiaDecision = (typeof DECISIONS)[number];

/** The ICO template's screening questions: any "yes" makes a DPIA mandatory rather than good practice. */
export interface DpiaScreening {
  vulnerableSubjects: boolean;
  specialCategoryData: boolean;
  children: boolean;
  systematicMonitoring: boolean;
  newTechnology: boolean;
  largeScale: boolean;
}

export interface DpiaRisk {
  description: string;
  likelihood: (typeof LIKELIHOODS)[number];
  severity: (typeof SEVERITIES)[number];
  mitigation: string;
  residualRisk: (typeof RESIDUAL_RISKS)[number];
}

/** The sign-off columns of a version nobody has signed off (or rejected) yet. */
export const NOT_SIGNED_OFF = { signedOffById: null, signedOffAt: null, decision: null, dpoAdvice: null, icoConsultationReference: null, reviewDueAt: null } as const;

/** One version of an account's DPIA. A signed-off version is never edited; amending opens the next version. */
@Entity('dpias')
export class Dpia {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @IntColumn() version: number;
  @StringColumn(20) status: StoredDpiaStatus;
  @TextColumn() purpose: string;
  @JsonColumn() dataCategories: string[];
  @JsonColumn() dataSubjects: string[];
  @TextColumn() lawfulBasis: string;
  @JsonColumn() screening: DpiaScreening;
  @JsonColumn() risks: DpiaRisk[];
  @StringColumn(2000, true) documentUrl: string | null;
  @RefColumn(true) submittedById: string | null;
  @InstantColumn(true) submittedAt: string | null;
  @RefColumn(true) signedOffById: string | null;
  @InstantColumn(true) signedOffAt: string | null;
  @StringColumn(10, true) decision: DpiaDecision | null;
  @TextColumn(true) dpoAdvice: string | null;
  @StringColumn(200, true) icoConsultationReference: string | null;
  @InstantColumn(true) reviewDueAt: string | null;
  @RefColumn() createdById: string;
  /** Everyone who wrote or edited this version (its creator first); none of them may sign it off. */
  @JsonColumn() contributorIds: string[];
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;

  missingForSubmission(): string[] {
    const missing: string[] = [];
    if (this.purpose.trim() === '') missing.push('purpose');
    if (this.risks.length === 0) missing.push('risks');
    return missing;
  }

  hasHighResidualRisk(): boolean {
    return this.risks.some((risk) => risk.residualRisk === 'high');
  }
}
