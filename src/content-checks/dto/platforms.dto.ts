import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLATFORM_LIMITS } from '../rules/platform-limit.rule';
import { LimitName, PlatformLimitView, PlatformsView, PlatformView } from '../platform-limits';

const PLATFORM_NAMES = Object.keys(PLATFORM_LIMITS);
const LIMIT_NAMES = [...new Set(Object.values(PLATFORM_LIMITS).flatMap((limits) => Object.keys(limits)))];

export class PlatformLimitDto implements PlatformLimitView {
  @ApiProperty({ enum: LIMIT_NAMES }) name: LimitName;
  /** The part of the post the limit counts. */
  @ApiProperty({ enum: ['text', 'title'] }) field: 'text' | 'title';
  /** How the content check counts: Unicode code points, UTF-8 bytes, or matches of `pattern`. */
  @ApiProperty({ enum: ['characters', 'bytes', 'matches'] }) counts: 'characters' | 'bytes' | 'matches';
  /** The most the platform accepts; more blocks the post (PLATFORM_LIMIT). */
  @ApiProperty() max: number;
  /** For `matches`: the regular expression counted, with flags `gu`. */
  @ApiPropertyOptional() pattern?: string;
}

export class PlatformDto implements PlatformView {
  @ApiProperty({ enum: PLATFORM_NAMES }) platform: keyof typeof PLATFORM_LIMITS;
  @ApiProperty({ type: [PlatformLimitDto] }) limits: PlatformLimitDto[];
}

export class UploadLimitsDto {
  /** JPEG and PNG files may be at most this many bytes. */
  @ApiProperty() imageMaxBytes: number;
  /** MP4 and QuickTime videos may be at most this many bytes. */
  @ApiProperty() videoMaxBytes: number;
}

export class PlatformListDto implements PlatformsView {
  @ApiProperty({ type: [PlatformDto] }) items: PlatformDto[];
  @ApiProperty({ type: UploadLimitsDto }) uploads: UploadLimitsDto;
}
