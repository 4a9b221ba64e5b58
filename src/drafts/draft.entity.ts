import { Entity } from 'typeorm';
import { Finding } from '../content-checks/finding';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, RefColumn, StringColumn } from '../common/database/entity-columns';
import { DraftStatus } from './draft-lifecycle';

export interface Publication {
  externalId: string | null;
  url: string | null;
  publishedAt: string | null;
}

export interface Failure {
  code: string;
  message: string;
}

/** A post on its way to an account: the current revision, where it is in the lifecycle, and the checks' findings. */
@Entity('drafts')
export class Draft {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn() authorId: string;
  @RefColumn() ownerId: string;
  @StringColumn(20) status: DraftStatus;
  @RefColumn() currentRevisionId: string;
  /** The content checks' findings for the current revision. */
  @JsonColumn() findings: Finding[];
  @InstantColumn(true) scheduledFor: string | null;
  /** When it last entered the approval queue. */
  @InstantColumn(true) submittedAt: string | null;
  @JsonColumn(true) publication: Publication | null;
  @JsonColumn(true) failure: Failure | null;
  @IntColumn() lastEventSeq: number;
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;
}
