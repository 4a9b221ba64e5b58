import { DPIA_ACTIONS } from '../dpia-rules';
import { ApiProperty } from '@nestjs/swagger';
import { DECISIONS, DpiaDecision } from '../dpia.entity';
import { DPIA_STATES, DpiaStatus } from '../dpia-lifecycle';
import { DpiaRiskDto, DpiaScreeningDto } from './dpia.dto';

export class DpiaInForceResponse {
  version: number;
  reviewDueAt: string;
}

/** The OpenAPI description of a DPIA version; dpia.view.ts builds this shape. */
export class DpiaResponse {
  accountId: string;
  /** Null before the first version exists. */
  version: number | null;
  @ApiProperty({ enum: [...DPIA_STATES, 'review_due'] }) status: DpiaStatus;
  purpose: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  lawfulBasis: string | null;
  screening: DpiaScreeningDto | null;
  risks: DpiaRiskDto[];
  documentUrl: string | null;
  submittedById: string | null;
  submittedAt: string | null;
  signedOffById: string | null;
  signedOffAt: string | null;
  @ApiProperty({ enum: DECISIONS, nullable: true }) decision: DpiaDecision | null;
  dpoAdvice: string | null;
  icoConsultationReference: string | null;
  reviewDueAt: string | null;
  /** The approved version in force now, or null (none approved, or its review date has passed). */
  inForce: DpiaInForceResponse | null;
  /** What the caller may do to the account's DPIA now (API.md section 19); none on earlier versions. */
  @ApiProperty({ enum: DPIA_ACTIONS, isArray: true }) allowedActions: string[];
}

export class DpiaPage {
  items: DpiaResponse[];
  nextCursor: string | null;
}
