import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class AuditQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(50) subjectType?: string;
  @IsOptional() @IsString() @MaxLength(100) subjectId?: string;
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  /** Entries at or after this instant (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** Entries at or before this instant (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class AuditExportQuery {
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

/** A receipt an auditor kept (GET /audit/head): both fields or neither. */
export class AuditVerifyQuery {
  @ValidateIf((query: AuditVerifyQuery) => query.expectId !== undefined || query.expectHash !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectId?: number;

  @ValidateIf((query: AuditVerifyQuery) => query.expectId !== undefined || query.expectHash !== undefined)
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'expectHash must be 64 lower-case hex characters' })
  expectHash?: string;
}
