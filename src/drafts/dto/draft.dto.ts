import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { DRAFT_STATUSES, DraftStatus } from '../draft-lifecycle';
import { RIGHTS } from '../draft-media';

export class DepictsDto {
  /** Colleagues shown; each is asked for consent. */
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) staffIds: string[];
  /** Whether anyone the service supports is shown (blocked by the content checks). */
  @IsBoolean() serviceUsers: boolean;
  /** Whether members of the public are shown. */
  @IsBoolean() public: boolean;
}

export class DraftMediaDto {
  /** An id from POST /api/v1/media. */
  @IsUUID() mediaId: string;
  @IsString() @MaxLength(1000) altText: string;
  @ValidateNested() @Type(() => DepictsDto) depicts: DepictsDto;
  /** On what basis the organisation may publish it; missing rights block submission. */
  @IsOptional() @IsIn(RIGHTS) rights?: (typeof RIGHTS)[number] | null;
  /** A licence number, or where the permission is recorded. */
  @IsOptional() @IsString() @MaxLength(500) rightsReference?: string | null;
}

const LINK_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

export class CreateDraftDto {
  @IsUUID() accountId: string;
  @IsString() @MaxLength(100_000) text: string;
  @IsOptional() @IsString() @MaxLength(500) title?: string;
  @IsOptional() @IsUrl(LINK_OPTIONS) @MaxLength(2000) link?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DraftMediaDto) media?: DraftMediaDto[];
  /** When to publish once approved; in the future. */
  @IsOptional() @IsISO8601({ strict: true }) scheduledFor?: string;
}

/** Fields left out stay as they are; null clears title, link or scheduledFor. */
export class UpdateDraftDto {
  @IsOptional() @IsString() @MaxLength(100_000) text?: string;
  @IsOptional() @IsString() @MaxLength(500) title?: string | null;
  @IsOptional() @IsUrl(LINK_OPTIONS) @MaxLength(2000) link?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DraftMediaDto) media?: DraftMediaDto[];
  @IsOptional() @IsISO8601({ strict: true }) scheduledFor?: string | null;
}

export class DraftListQuery extends PageQuery {
  @IsOptional() @IsIn(DRAFT_STATUSES) status?: DraftStatus;
  @IsOptional() @IsUUID() accountId?: string;
  /** `true`: only drafts you own. */
  @IsOptional() @IsIn(['true', 'false']) mine?: 'true' | 'false';
}

export class DraftHistoryQuery extends PageQuery {}
