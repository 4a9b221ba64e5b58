import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
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

export class AuditExportQuery {
  @IsOptional() @IsIn(['csv']) format?: 'csv';
}
