import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';

export class AuditQuery extends PageQuery {
  @MayOmit() @IsString() @MaxLength(50) subjectType?: string;
  @MayOmit() @IsString() @MaxLength(100) subjectId?: string;
  @MayOmit() @IsUUID() actorId?: string;
  @MayOmit() @IsString() @MaxLength(100) action?: string;
  /** Entries at or after this instant (ISO-8601). */
  @MayOmit() @IsIsoInstant() from?: string;
  /** Entries at or before this instant (ISO-8601). */
  @MayOmit() @IsIsoInstant() to?: string;
}

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class AuditExportQuery {
  @MayOmit() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
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
