import { Finding } from '../content-checks/finding';
import { DraftEvent } from './draft-event.entity';
import { DraftStatus } from './draft-lifecycle';
import type { DraftRuleAction } from './draft-rules';
import { DraftMedia } from './draft-media';
import { DraftRevision } from './draft-revision.entity';
import { Failure, Publication } from './draft.entity';

export interface RevisionView {
  id: string;
  number: number;
  text: string;
  title: string | null;
  link: string | null;
  media: DraftMedia[];
  contentHash: string;
  createdAt: string;
}

export interface ApprovalView {
  managerId: string;
  revisionId: string;
  approvedAt: string;
}

/** A draft exactly as API.md section 9 shows it. */
export interface DraftView {
  id: string;
  accountId: string;
  authorId: string;
  ownerId: string;
  status: DraftStatus;
  revision: RevisionView;
  findings: Finding[];
  consent: { pending: number; refused: number };
  approvals: ApprovalView[];
  requiredApprovals: number;
  scheduledFor: string | null;
  publication: Publication | null;
  failure: Failure | null;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do to it now (API.md section 19), by the rules that accept or refuse each. */
  allowedActions: DraftRuleAction[];
}

export interface DraftEventView {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  fromStatus: DraftStatus | null;
  toStatus: DraftStatus;
  revisionId: string | null;
  details: Record<string, unknown>;
}

export const toRevisionView = (revision: DraftRevision): RevisionView => ({
  id: revision.id,
  number: revision.number,
  text: revision.text,
  title: revision.title,
  link: revision.link,
  media: revision.media,
  contentHash: revision.contentHash,
  createdAt: revision.createdAt,
});

export const toDraftEventView = (event: DraftEvent): DraftEventView => ({
  seq: event.seq,
  at: event.at,
  actorId: event.actorId,
  action: event.action,
  fromStatus: event.fromStatus,
  toStatus: event.toStatus,
  revisionId: event.revisionId,
  details: event.details,
});
