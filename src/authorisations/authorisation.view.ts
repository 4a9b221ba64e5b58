import { Authorisation } from './authorisation.entity';

export interface AuthorisationView {
  id: string;
  accountId: string;
  staffId: string;
  grantedById: string;
  grantedAt: string;
  reason: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedById: string | null;
  revokeReason: string | null;
  active: boolean;
  /** What the caller may do to this grant now (API.md section 19; AUTHORISATION_ACTIONS). */
  allowedActions: string[];
}

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
