import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NestedArray, NestedObject } from '../../common/nested';
import { NotBlank } from '../../common/not-blank';
import { MayOmit } from '../../common/may-omit';
import { IsIsoInstant } from '../../common/iso-instant';
import { PageQuery } from '../../common/pagination';
import { DECISIONS, DpiaDecision, DpiaRisk, LIKELIHOODS, RESIDUAL_RISKS, SEVERITIES } from '../dpia.entity';

export class DpiaScreeningDto {
  /** Are the data subjects vulnerable people (for example people receiving care)? */
  @IsBoolean() vulnerableSubjects: boolean;
  /** Special category data (health, ethnicity, religion...)? */
  @IsBoolean() specialCategoryData: boolean;
  @IsBoolean() children: boolean;
  @IsBoolean() systematicMonitoring: boolean;
  @IsBoolean() newTechnology: boolean;
  @IsBoolean() largeScale: boolean;
}

export class DpiaRiskDto {
  @IsString() @MinLength(1) @NotBlank() @MaxLength(2000) description: string;
  @IsIn(LIKELIHOODS) likelihood: DpiaRisk['likelihood'];
  @IsIn(SEVERITIES) severity: DpiaRisk['severity'];
  /** What is done to reduce the risk. */
  @IsString() @MaxLength(4000) mitigation: string;
  /** The risk left after the mitigation; "high" needs prior consultation with the ICO. */
  @IsIn(RESIDUAL_RISKS) residualRisk: DpiaRisk['residualRisk'];
}

/** The whole DPIA text; a draft may be incomplete (submission checks purpose and risks). */
export class SaveDpiaDto {
  @IsString() @MaxLength(10_000) purpose: string;
  @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) dataCategories: string[];
  @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) dataSubjects: string[];
  /** The UK GDPR Article 6 basis, e.g. "legitimate interests". */
  @IsString() @MaxLength(2000) lawfulBasis: string;
  @NestedObject(() => DpiaScreeningDto) screening: DpiaScreeningDto;
  @ArrayMaxSize(100) @NestedArray(() => DpiaRiskDto) risks: DpiaRiskDto[];
  /** Link to the full assessment document, or null. */
  @ValidateIf((_, value) => value !== null) @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000) documentUrl?: string | null;
}

export class SignOffDpiaDto {
  @IsIn(DECISIONS) decision: DpiaDecision;
  @IsString() @MinLength(1) @NotBlank() @MaxLength(10_000) dpoAdvice: string;
  /** When approving: defaults to 12 months ahead; must be in the future and at most 36 months ahead. */
  @MayOmit() @IsIsoInstant() reviewDueAt?: string;
  /** The reference of the prior consultation with the ICO; required to approve a high residual risk. */
  @MayOmit() @IsString() @MinLength(1) @NotBlank() @MaxLength(200) icoConsultationReference?: string;
}

export class DpiaHistoryQuery extends PageQuery {}
