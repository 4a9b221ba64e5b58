import { ConsentRequest } from './consent-request.entity';
import type { ConsentRequestResponse } from './dto/consent-response.dto';

/** Declared once, in the OpenAPI response class. */
export type ConsentRequestView = ConsentRequestResponse;

export const toConsentRequestView = (row: ConsentRequest): ConsentRequestView => ({
  id: row.id,
  draftId: row.draftId,
  mediaId: row.mediaId,
  staffId: row.staffId,
  status: row.status,
  requestedById: row.requestedById,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt,
});
