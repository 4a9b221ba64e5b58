import { AuthorisationView } from '../authorisation.view';

/** The OpenAPI description of an authorisation; `implements` keeps it in step with what the service returns. */
export class AuthorisationResponse implements AuthorisationView {
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
  /** Not revoked and not past expiresAt, at this instant. */
  active: boolean;
  /** What the caller may do to this grant now: `revoke`. */
  allowedActions: string[];
}

export class AuthorisationPage {
  items: AuthorisationResponse[];
  nextCursor: string | null;
}
