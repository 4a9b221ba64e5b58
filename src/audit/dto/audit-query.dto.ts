import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
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

export class AuditExportQuery {
  @MayOmit() @IsIn(['csv']) format?: 'csv';
}
