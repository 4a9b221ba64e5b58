import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { NestedArray, NestedObject } from '../../common/nested';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
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
  @NestedObject(() => DepictsDto) depicts: DepictsDto;
  /** On what basis the organisation may publish it; missing rights block submission. */
  @IsOptional() @IsIn(RIGHTS) rights?: (typeof RIGHTS)[number] | null;
  /** A licence number, or where the permission is recorded. */
  @IsOptional() @IsString() @MaxLength(500) rightsReference?: string | null;
}

const LINK_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

export class CreateDraftDto {
  @IsUUID() accountId: string;
  @IsString() @MaxLength(100_000) text: string;
  @MayOmit() @IsString() @MaxLength(500) title?: string;
  @MayOmit() @IsUrl(LINK_OPTIONS) @MaxLength(2000) link?: string;
  @MayOmit() @ArrayMaxSize(20) @NestedArray(() => DraftMediaDto) media?: DraftMediaDto[];
  /** When to publish once approved; in the future. */
  @MayOmit() @IsIsoInstant() scheduledFor?: string;
}

/** Fields left out stay as they are; null clears title, link or scheduledFor. */
export class UpdateDraftDto {
  @MayOmit() @IsString() @MaxLength(100_000) text?: string;
  @IsOptional() @IsString() @MaxLength(500) title?: string | null;
  @IsOptional() @IsUrl(LINK_OPTIONS) @MaxLength(2000) link?: string | null;
  @MayOmit() @ArrayMaxSize(20) @NestedArray(() => DraftMediaDto) media?: DraftMediaDto[];
  @IsOptional() @IsIsoInstant() scheduledFor?: string | null;
}

export class DraftListQuery extends PageQuery {
  @MayOmit() @IsIn(DRAFT_STATUSES) status?: DraftStatus;
  @MayOmit() @IsUUID() accountId?: string;
  /** `true`: only drafts you own. */
  @MayOmit() @IsIn(['true', 'false']) mine?: 'true' | 'false';
}

export class DraftHistoryQuery extends PageQuery {}
