import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class NotificationListQuery extends PageQuery {
  /** Only this kind, e.g. `dpia_review_due`. */
  @IsOptional() @IsString() @MaxLength(60) kind?: string;
}
