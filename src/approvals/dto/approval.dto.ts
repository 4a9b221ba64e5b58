import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class ApproveDraftDto {
  /** The revision you reviewed; 409 REVISION_MISMATCH if the draft has changed since. */
  @IsUUID() revisionId: string;
  /** Publish at this future time instead of the draft's own schedule. */
  @IsOptional() @IsISO8601({ strict: true }) scheduledFor?: string;
}

export class RequestChangesDto {
  /** What the author should change. */
  @IsString() @MinLength(1) @MaxLength(5000) comment: string;
}

export class RejectDraftDto {
  @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export class ApprovalQueueQuery extends PageQuery {
  @IsOptional() @IsUUID() accountId?: string;
}
