import { ConsentRequest, ConsentStatus } from './consent-request.entity';

export interface ConsentRequestView {
  id: string;
  draftId: string;
  mediaId: string;
  staffId: string;
  status: ConsentStatus;
  requestedById: string;
  createdAt: string;
  decidedAt: string | null;
}

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
