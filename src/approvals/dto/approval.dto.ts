import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';

export class ApproveDraftDto {
  /** The revision you reviewed; 409 REVISION_MISMATCH if the draft has changed since. */
  @IsUUID() revisionId: string;
  /** Publish at this future time instead of the draft's own schedule. */
  @MayOmit() @IsIsoInstant() scheduledFor?: string;
}

export class RequestChangesDto {
  /** What the author should change. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(5000) comment: string;
}

export class RejectDraftDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(5000) reason: string;
}

export class ApprovalQueueQuery extends PageQuery {
  @MayOmit() @IsUUID() accountId?: string;
}
