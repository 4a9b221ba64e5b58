import { ApiProperty } from '@nestjs/swagger';
import { CONCERN_STATES, ConcernAction, ConcernStatus } from '../concern-lifecycle';
import { BREACH_DECISIONS, BreachDecision, CONCERN_KINDS, ConcernKind } from '../concern.entity';
import { RemovalOutcome } from '../removal-request.entity';
import { RemovalRequestView } from '../removal-requests.service';

/** What the concerns routes answer, for OpenAPI; concern.view.ts builds these shapes. */
export class BreachResponse {
  awareAt: string;
  /** 72 hours after awareAt. */
  icoDeadline: string;
  @ApiProperty({ enum: BREACH_DECISIONS, nullable: true }) decision: BreachDecision | null;
  decisionReason: string | null;
  decidedById: string | null;
  decidedAt: string | null;
  icoReference: string | null;
  reportedToIcoAt: string | null;
}

export class ConcernNoteResponse {
  id: string;
  authorId: string;
  at: string;
  text: string;
}

export class ConcernResponse {
  id: string;
  @ApiProperty({ enum: CONCERN_KINDS }) kind: ConcernKind;
  @ApiProperty({ enum: CONCERN_STATES }) status: ConcernStatus;
  description: string;
  draftId: string | null;
  url: string | null;
  reportedById: string;
  reportedAt: string;
  involvesServiceUsers: boolean;
  personalData: boolean;
  assignedToId: string | null;
  safeguardingNotifiedAt: string | null;
  hrAdviceSoughtAt: string | null;
  outcome: string | null;
  resolvedAt: string | null;
  resolvedById: string | null;
  breach: BreachResponse | null;
  /** Null for a reporter who is not investigating it. */
  notes: ConcernNoteResponse[] | null;
  @ApiProperty({ enum: ['add_note', 'assign', 'seek_hr_advice', 'decide_breach', 'resolve'], isArray: true }) allowedActions: ConcernAction[];
}

export class ConcernPage {
  items: ConcernResponse[];
  nextCursor: string | null;
}

export class RemovalRequestResponse implements RemovalRequestView {
  id: string;
  draftId: string;
  requestedById: string;
  requestedAt: string;
  reason: string;
  @ApiProperty({ enum: ['taken_down', 'takedown_pending', 'consent_withdrawn'] }) outcome: RemovalOutcome;
}
