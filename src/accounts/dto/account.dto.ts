import { IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';
import { ACCOUNT_MODES, AccountMode, Platform, PLATFORMS } from '../account.entity';

export class CreateAccountDto {
  @IsIn(PLATFORMS) platform: Platform;
  /** Optional with `connectionId`: the candidate's name on the platform is used. */
  @ValidateIf((dto: CreateAccountDto) => dto.connectionId === undefined || dto.name !== undefined)
  @IsString() @MinLength(1) @NotBlank() @MaxLength(200) name?: string;
  /** The platform's id for the page, organisation or channel. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(200) externalId: string;
  /** An active manager who answers for the account. */
  @IsUUID() ownerId: string;
  /** Defaults to live; sandbox publishes to the built-in sandbox, never to a platform. */
  @MayOmit() @IsIn(ACCOUNT_MODES) mode?: AccountMode;
  /** How many managers must approve each post: 1 (default) or 2. */
  @MayOmit() @IsIn([1, 2]) requiredApprovals?: 1 | 2;
  /** An authorised connection (API.md section 15): the account gets the token of its candidate `externalId`. */
  @MayOmit() @IsUUID() connectionId?: string;
}

export class UpdateAccountDto {
  @MayOmit() @IsString() @MinLength(1) @NotBlank() @MaxLength(200) name?: string;
  @MayOmit() @IsUUID() ownerId?: string;
  @MayOmit() @IsIn([1, 2]) requiredApprovals?: 1 | 2;
}

/** Stored encrypted; never returned by any endpoint, never logged, never audited. */
export class PutCredentialsDto {
  @IsString() @MinLength(1) @MaxLength(8000) accessToken: string;
  @MayOmit() @IsString() @MinLength(1) @MaxLength(8000) refreshToken?: string;
  /** When the access token expires. */
  @MayOmit() @IsIsoInstant() expiresAt?: string;
  @MayOmit() @IsString() @MinLength(1) @MaxLength(500) clientId?: string;
  @MayOmit() @IsString() @MinLength(1) @MaxLength(8000) clientSecret?: string;
  /** The staff member whose platform identity issued the token; defaults to the caller. */
  @MayOmit() @IsUUID() connectedById?: string;
}

export class AddPlatformAdminDto {
  @IsUUID() staffId: string;
}

export class ReasonDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) reason: string;
}

export class AccountListQuery extends PageQuery {}
