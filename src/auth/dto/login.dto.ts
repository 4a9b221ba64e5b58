import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString() @MinLength(3) @MaxLength(320) email: string;
  @IsString() @MinLength(1) @MaxLength(1000) password: string;
}

export class ChangePasswordDto {
  @IsString() @MaxLength(1000) currentPassword: string;
  /** At least 12 characters. */
  @IsString() @MinLength(12) @MaxLength(1000) newPassword: string;
}
