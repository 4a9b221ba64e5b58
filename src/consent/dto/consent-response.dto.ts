import { ApiProperty } from '@nestjs/swagger';
import { ConsentStatus } from '../consent-request.entity';
import { ConsentRequestView } from '../consent.view';

export class ConsentRequestResponse implements ConsentRequestView {
  id: string;
  draftId: string;
  mediaId: string;
  /** The colleague shown in the media, who decides. */
  staffId: string;
  @ApiProperty({ enum: ['pending', 'granted', 'refused'] }) status: ConsentStatus;
  requestedById: string;
  createdAt: string;
  decidedAt: string | null;
}

export class ConsentRequestPage {
  items: ConsentRequestResponse[];
  nextCursor: string | null;
}
