import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreatePolicyDto {
  /** A label such as "2026.1"; unique. */
  @IsString() @MinLength(1) @MaxLength(50) @Matches(/^[\w.\- ]+$/, { message: 'version may hold letters, digits, dots, dashes and spaces' }) version: string;
  @IsString() @MinLength(1) @MaxLength(200) title: string;
  @IsString() @MinLength(1) @MaxLength(200_000) text: string;
  /** Defaults to now. */
  @IsOptional() @IsISO8601({ strict: true }) effectiveFrom?: string;
  /** Defaults to a year after effectiveFrom. */
  @IsOptional() @IsISO8601({ strict: true }) reviewDueAt?: string;
}
