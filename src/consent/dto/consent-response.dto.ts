import { ApiProperty } from '@nestjs/swagger';
import { ConsentStatus } from '../consent-request.entity';

export class ConsentRequestResponse {
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
