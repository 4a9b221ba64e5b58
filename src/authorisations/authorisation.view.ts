import { Authorisation } from './authorisation.entity';
import type { AuthorisationResponse } from './dto/authorisation-response.dto';

/** Declared once, in the OpenAPI response class. */
export type AuthorisationView = AuthorisationResponse;

export const toAuthorisationView = (row: Authorisation, nowIso: string, allowedActions: string[]): AuthorisationView => ({
  id: row.id,
  accountId: row.accountId,
  staffId: row.staffId,
  grantedById: row.grantedById,
  grantedAt: row.grantedAt,
  reason: row.reason,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  revokedById: row.revokedById,
  revokeReason: row.revokeReason,
  active: row.isActiveAt(nowIso),
  allowedActions,
});
