import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { ACCOUNT_MODES, AccountMode, Platform, PLATFORMS } from '../account.entity';

export class CreateAccountDto {
  @IsIn(PLATFORMS) platform: Platform;
  /** Optional with `connectionId`: the candidate's name on the platform is used. */
  @ValidateIf((dto: CreateAccountDto) => dto.connectionId === undefined || dto.name !== undefined)
  @IsString() @MinLength(1) @MaxLength(200) name?: string;
  /** The platform's id for the page, organisation or channel. */
  @IsString() @MinLength(1) @MaxLength(200) externalId: string;
  /** An active manager who answers for the account. */
  @IsUUID() ownerId: string;
  /** Defaults to live; sandbox publishes to the built-in sandbox, never to a platform. */
  @IsOptional() @IsIn(ACCOUNT_MODES) mode?: AccountMode;
  /** How many managers must approve each post: 1 (default) or 2. */
  @IsOptional() @IsIn([1, 2]) requiredApprovals?: 1 | 2;
  /** An authorised connection (API.md section 15): the account gets the token of its candidate `externalId`. */
  @IsOptional() @IsUUID() connectionId?: string;
}

export class UpdateAccountDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsUUID() ownerId?: string;
  @IsOptional() @IsIn([1, 2]) requiredApprovals?: 1 | 2;
}

/** Stored encrypted; never returned by any endpoint, never logged, never audited. */
export class PutCredentialsDto {
  @IsString() @MinLength(1) @MaxLength(8000) accessToken: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(8000) refreshToken?: string;
  /** When the access token expires. */
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) clientId?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(8000) clientSecret?: string;
  /** The staff member whose platform identity issued the token; defaults to the caller. */
  @IsOptional() @IsUUID() connectedById?: string;
}

export class AddPlatformAdminDto {
  @IsUUID() staffId: string;
}

export class ReasonDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class AccountListQuery extends PageQuery {}
