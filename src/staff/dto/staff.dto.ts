import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Role, ROLES } from '../role';

export class CreateStaffDto {
  @IsEmail() @MaxLength(320) email: string;
  @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(ROLES, { each: true }) roles: Role[];
  /** At least 12 characters. */
  @IsString() @MinLength(12) @MaxLength(1000) password: string;
  @IsOptional() @IsUUID() lineManagerId?: string;
}

export class UpdateStaffDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(ROLES, { each: true }) roles?: Role[];
  /** A staff member's line manager, or null to clear it. */
  @ValidateIf((_, value) => value !== null) @IsOptional() @IsUUID() lineManagerId?: string | null;
  /** When the person last completed social media training, or null to clear it. */
  @ValidateIf((_, value) => value !== null) @IsOptional() @IsISO8601({ strict: true }) trainingCompletedAt?: string | null;
}

export class StaffListQuery extends PageQuery {
  @IsOptional() @IsIn(['active', 'left', 'all']) status?: 'active' | 'left' | 'all';
}
