import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CONCERN_STATES, ConcernStatus } from '../concern-lifecycle';
import { BREACH_DECISIONS, BreachDecision, CONCERN_KINDS, ConcernKind } from '../concern.entity';

export class RaiseConcernDto {
  @IsIn(CONCERN_KINDS) kind: ConcernKind;
  @IsString() @MinLength(1) @MaxLength(10_000) description: string;
  /** The post it is about, if any. */
  @IsOptional() @IsUUID() draftId?: string;
  /** Where the content was seen, if online. */
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000) url?: string;
  @IsOptional() @IsBoolean() involvesServiceUsers?: boolean;
  /** True when personal data may have been disclosed, lost or altered: opens a breach with the ICO's 72 hours. */
  @IsOptional() @IsBoolean() personalData?: boolean;
}

export class ConcernListQuery extends PageQuery {
  @IsOptional() @IsIn(CONCERN_STATES) status?: ConcernStatus;
  @IsOptional() @IsIn(CONCERN_KINDS) kind?: ConcernKind;
}

export class ConcernNoteDto {
  @IsString() @MinLength(1) @MaxLength(10_000) text: string;
}

export class AssignConcernDto {
  @IsUUID() staffId: string;
}

export class HrAdviceDto {
  @IsString() @MinLength(1) @MaxLength(10_000) note: string;
}

export class ResolveConcernDto {
  @IsString() @MinLength(1) @MaxLength(10_000) outcome: string;
}

export class BreachDecisionDto {
  @IsIn(BREACH_DECISIONS) decision: BreachDecision;
  @IsString() @MinLength(1) @MaxLength(10_000) decisionReason: string;
  /** The ICO's case reference; required when the breach is reportable. */
  @ValidateIf((dto: BreachDecisionDto) => dto.decision === 'reportable' || dto.icoReference !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  icoReference?: string;
  @IsOptional() @IsISO8601({ strict: true }) reportedToIcoAt?: string;
}

export class RemovalRequestDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}
