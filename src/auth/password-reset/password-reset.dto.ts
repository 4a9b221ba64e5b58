import { IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordResetRequestDto {
  @IsString() @MaxLength(320) email: string;
}

export class PasswordResetConfirmDto {
  @IsString() @MinLength(1) @MaxLength(200) token: string;
  @IsString() @MinLength(12) @MaxLength(1000) newPassword: string;
}
