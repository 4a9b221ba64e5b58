import { IsIn } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CONSENT_DECISIONS, ConsentDecision } from '../consent-request.entity';

export class ConsentDecisionDto {
  /** Whether you agree to the image of you being posted. You may change your mind until it is published. */
  @IsIn(CONSENT_DECISIONS) decision: ConsentDecision;
}

export class ConsentListQuery extends PageQuery {}
