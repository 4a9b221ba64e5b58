import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';
import { Role, ROLES } from '../role';

export class CreateStaffDto {
  @IsEmail() @MaxLength(320) email: string;
  @IsString() @MinLength(1) @NotBlank() @MaxLength(200) displayName: string;
  @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(ROLES, { each: true }) roles: Role[];
  /** At least 12 characters. */
  @IsString() @MinLength(12) @MaxLength(1000) password: string;
  @MayOmit() @IsUUID() lineManagerId?: string;
}

export class UpdateStaffDto {
  @MayOmit() @IsString() @MinLength(1) @NotBlank() @MaxLength(200) displayName?: string;
  @MayOmit() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(ROLES, { each: true }) roles?: Role[];
  /** A staff member's line manager, or null to clear it. */
  @ValidateIf((_, value) => value !== null) @IsOptional() @IsUUID() lineManagerId?: string | null;
  /** When the person last completed social media training, or null to clear it. */
  @ValidateIf((_, value) => value !== null) @IsOptional() @IsIsoInstant() trainingCompletedAt?: string | null;
}

export class StaffListQuery extends PageQuery {
  @MayOmit() @IsIn(['active', 'left', 'all']) status?: 'active' | 'left' | 'all';
}
