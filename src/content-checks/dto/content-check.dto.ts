import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { NestedArray, NestedObject } from '../../common/nested';
import { MayOmit } from '../../common/may-omit';
import { Finding, RuleName, Severity } from '../finding';

const RULE_NAMES: RuleName[] = [
  'PLATFORM_LIMIT',
  'NHS_NUMBER',
  'DATE_OF_BIRTH',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'POSTCODE',
  'PROHIBITED_TERM',
  'PROTECTED_NAME',
  'LINK_DOMAIN',
  'SERVICE_USER_IMAGE',
  'RIGHTS_UNDECLARED',
];

export const MEDIA_RIGHTS = ['own', 'licensed', 'permission'] as const;

export class DepictsDto {
  /** Colleagues shown; each is asked for consent when the draft is saved. */
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) staffIds: string[];
  /** Whether anyone the service supports is shown. Such media is never published. */
  @IsBoolean() serviceUsers: boolean;
  /** Whether members of the public are shown. */
  @IsBoolean() public: boolean;
}

export class MediaItemDto {
  /** An uploaded media item (`POST /api/v1/media`). */
  @IsUUID() mediaId: string;
  /** A description of the image for people who cannot see it; published with it. */
  @IsString() @MaxLength(1000) altText: string;
  @NestedObject(() => DepictsDto) depicts: DepictsDto;
  /** Whose the media is; without it the post is blocked (RIGHTS_UNDECLARED). */
  @IsOptional() @IsIn(MEDIA_RIGHTS) rights?: (typeof MEDIA_RIGHTS)[number] | null;
  /** A licence number or who gave permission. */
  @IsOptional() @IsString() @MaxLength(500) rightsReference?: string | null;
}

/** The content of a post as it would be drafted; nothing is stored. */
export class ContentCheckDto {
  /** The account the post is for: its platform decides the limits. */
  @IsUUID() accountId: string;
  /** Longer than any platform allows, so an over-long text gets a finding rather than a refusal. */
  @IsString() @MaxLength(100_000) text: string;
  /** The video title (YouTube). */
  @IsOptional() @IsString() @MaxLength(1000) title?: string | null;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2048) link?: string | null;
  @MayOmit() @ArrayMaxSize(20) @NestedArray(() => MediaItemDto) media?: MediaItemDto[];
}

export class FindingDto implements Finding {
  /** Which check found it. */
  @ApiProperty({ enum: RULE_NAMES }) rule: RuleName;
  /** block: the draft cannot be submitted until it is fixed; warn: check before submitting. */
  @ApiProperty({ enum: ['block', 'warn'] }) severity: Severity;
  /** What is wrong, for the person writing the post. */
  message: string;
  /** Where in `text` (UTF-16 offsets, end exclusive), when the finding points at part of it. */
  start?: number;
  end?: number;
}

export class ContentCheckResultDto {
  findings: FindingDto[];
}
