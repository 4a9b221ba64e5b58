import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';

export class OffboardDto {
  /** Why the person is leaving; kept in the offboarding report. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) reason: string;
  /** When access ends. Absent or not in the future: now. */
  @MayOmit() @IsIsoInstant() effectiveAt?: string;
  /** Who takes over their drafts. Default: their line manager if active, else each draft's account owner. */
  @MayOmit() @IsUUID() transferToId?: string;
}

export class CompleteOffboardingTaskDto {
  /** What was done on the platform. */
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) note: string;
}
