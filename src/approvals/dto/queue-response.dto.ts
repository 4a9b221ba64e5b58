import { DraftResponse } from '../../drafts/dto/draft-response.dto';
import { QueueItemView } from '../approvals.service';

export class QueueItemResponse extends DraftResponse implements QueueItemView {
  /** When it entered the queue. */
  waitingSince: string;
}

export class QueuePage {
  items: QueueItemResponse[];
  nextCursor: string | null;
}
