import { IsString, MaxLength } from 'class-validator';
import { MayOmit } from '../../../common/may-omit';
import { PageQuery } from '../../../common/pagination';

export class NotificationListQuery extends PageQuery {
  /** Only this kind, e.g. `dpia_review_due`. */
  @MayOmit() @IsString() @MaxLength(60) kind?: string;
}
