import { IsIn, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { PageQuery } from '../../common/pagination';

export class ReconcileDto {
  /** What the manager found on the platform. */
  @IsIn(['published', 'not_published']) outcome: 'published' | 'not_published';
  /** The platform's id of the post; required when it was published. */
  @ValidateIf((dto: ReconcileDto) => dto.outcome === 'published') @IsString() @MinLength(1) @NotBlank() @MaxLength(200) externalId?: string;
  @MayOmit() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(2000) url?: string;
}

export class TakeDownDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) reason: string;
}

export class SandboxPostsQuery extends PageQuery {
  @IsUUID() accountId: string;
}

export class PlatformTaskListQuery extends PageQuery {
  @MayOmit() @IsIn(['open', 'done', 'all']) status?: 'open' | 'done' | 'all';
}

export class CompleteTaskDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) note: string;
}
