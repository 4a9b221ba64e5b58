import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';

export class CreatePolicyDto {
  /** A label such as "2026.1"; unique. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(50) @Matches(/^[\w.\- ]+$/, { message: 'version may hold letters, digits, dots, dashes and spaces' }) version: string;
  @IsString() @MinLength(1) @NotBlank() @MaxLength(200) title: string;
  @IsString() @MinLength(1) @NotBlank() @MaxLength(200_000) text: string;
  /** Defaults to now. */
  @MayOmit() @IsIsoInstant() effectiveFrom?: string;
  /** Defaults to a year after effectiveFrom. */
  @MayOmit() @IsIsoInstant() reviewDueAt?: string;
}
