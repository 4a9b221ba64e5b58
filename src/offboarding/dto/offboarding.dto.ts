import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class OffboardDto {
  /** Why the person is leaving; kept in the offboarding report. */
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  /** When access ends. Absent or not in the future: now. */
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
  /** Who takes over their drafts. Default: their line manager if active, else each draft's account owner. */
  @IsOptional() @IsUUID() transferToId?: string;
}

export class CompleteOffboardingTaskDto {
  /** What was done on the platform. */
  @IsString() @MinLength(1) @MaxLength(2000) note: string;
}
