import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';

export class GrantAuthorisationDto {
  @IsUUID() staffId: string;
  /** Why this person's job includes posting for this account. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) reason: string;
  /** When the access ends by itself; must be in the future. */
  @MayOmit() @IsIsoInstant() expiresAt?: string;
}

export class RevokeAuthorisationDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) reason: string;
}

export class AccountAuthorisationsQuery extends PageQuery {
  /** true: only those in effect now; false: only revoked or expired ones; absent: all. */
  @MayOmit() @IsIn(['true', 'false']) active?: 'true' | 'false';
}

export class StaffAuthorisationsQuery extends PageQuery {}
