import { ApiProperty } from '@nestjs/swagger';
import { Finding, RuleName } from '../../content-checks/finding';
import { DRAFT_STATUSES, DraftStatus } from '../draft-lifecycle';
import { DraftMedia, RIGHTS } from '../draft-media';
import { DRAFT_ACTIONS, DraftRuleAction } from '../draft-rules';
import { ApprovalView, DraftEventView, DraftView, RevisionView } from '../draft.view';

/** OpenAPI descriptions of what the drafts routes return; `implements` keeps them in step with the services. */
export class DepictsResponse {
  staffIds: string[];
  serviceUsers: boolean;
  public: boolean;
}

export class DraftMediaResponse implements DraftMedia {
  mediaId: string;
  altText: string;
  depicts: DepictsResponse;
  @ApiProperty({ enum: RIGHTS, nullable: true }) rights: 'own' | 'licensed' | 'permission' | null;
  rightsReference?: string | null;
}

export class RevisionResponse implements RevisionView {
  id: string;
  number: number;
  text: string;
  title: string | null;
  link: string | null;
  media: DraftMediaResponse[];
  /** SHA-256 (hex) of the canonical content. */
  contentHash: string;
  createdAt: string;
}

export class FindingResponse implements Finding {
  @ApiProperty({ type: String }) rule: RuleName;
  @ApiProperty({ enum: ['block', 'warn'] }) severity: 'block' | 'warn';
  message: string;
  /** Offsets into the text, when the finding points at a span of it. */
  start?: number;
  end?: number;
}

export class ConsentStateResponse {
  pending: number;
  refused: number;
}

export class ApprovalResponse implements ApprovalView {
  managerId: string;
  revisionId: string;
  approvedAt: string;
}

export class PublicationResponse {
  externalId: string | null;
  url: string | null;
  publishedAt: string | null;
}

export class FailureResponse {
  code: string;
  message: string;
}

export class DraftResponse implements DraftView {
  id: string;
  accountId: string;
  authorId: string;
  ownerId: string;
  @ApiProperty({ enum: DRAFT_STATUSES }) status: DraftStatus;
  revision: RevisionResponse;
  findings: FindingResponse[];
  consent: ConsentStateResponse;
  /** Approvals of the current revision. */
  approvals: ApprovalResponse[];
  requiredApprovals: number;
  scheduledFor: string | null;
  @ApiProperty({ type: PublicationResponse, nullable: true }) publication: PublicationResponse | null;
  @ApiProperty({ type: FailureResponse, nullable: true }) failure: FailureResponse | null;
  createdAt: string;
  updatedAt: string;
  @ApiProperty({ enum: DRAFT_ACTIONS, isArray: true }) allowedActions: DraftRuleAction[];
}

export class DraftPage {
  items: DraftResponse[];
  nextCursor: string | null;
}

export class DraftEventResponse implements DraftEventView {
  /** Position in the draft's history, from 1. */
  seq: number;
  at: string;
  actorId: string | null;
  /** What happened: created, edited, submitted, approved, changes_requested, rejected, withdrawn, confirmed, consent_granted, ... */
  action: string;
  @ApiProperty({ enum: DRAFT_STATUSES, nullable: true }) fromStatus: DraftStatus | null;
  @ApiProperty({ enum: DRAFT_STATUSES }) toStatus: DraftStatus;
  /** The revision current when it happened. */
  revisionId: string | null;
  details: Record<string, unknown>;
}

export class DraftEventPage {
  items: DraftEventResponse[];
  nextCursor: string | null;
}
