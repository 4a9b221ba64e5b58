/** The OpenAPI description of an authorisation; authorisation.view.ts builds this shape. */
export class AuthorisationResponse {
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
