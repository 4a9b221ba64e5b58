import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class GrantAuthorisationDto {
  @IsUUID() staffId: string;
  /** Why this person's job includes posting for this account. */
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  /** When the access ends by itself; must be in the future. */
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class RevokeAuthorisationDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class AccountAuthorisationsQuery extends PageQuery {
  /** true: only those in effect now; false: only revoked or expired ones; absent: all. */
  @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}

export class StaffAuthorisationsQuery extends PageQuery {}
