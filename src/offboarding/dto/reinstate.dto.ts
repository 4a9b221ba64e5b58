import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReinstateDto {
  /** Why the person comes back (rehired, offboarded by mistake); kept in the audit trail. */
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}
