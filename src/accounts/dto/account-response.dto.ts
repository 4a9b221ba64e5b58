import { ApiProperty } from '@nestjs/swagger';
import { DPIA_STATES } from '../../dpia/dpia-lifecycle';
import { DpiaStatus } from '../../dpia/dpia-lifecycle';
import { ACCOUNT_STATUSES, AccountStatus } from '../account-lifecycle';
import { ACCOUNT_MODES, AccountMode, Platform, PLATFORMS } from '../account.entity';
import { ACCOUNT_ACTIONS } from '../account-rules';

/** The OpenAPI description of an account; account.view.ts builds this shape. */
export class AccountDpiaSummary {
  @ApiProperty({ enum: [...DPIA_STATES, 'review_due'] }) status: DpiaStatus;
  reviewDueAt: string | null;
}

export class AccountResponse {
  id: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  name: string;
  externalId: string;
  @ApiProperty({ enum: ACCOUNT_MODES }) mode: AccountMode;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status: AccountStatus;
  ownerId: string;
  @ApiProperty({ enum: [1, 2] }) requiredApprovals: 1 | 2;
  /** Whether credentials are stored; the credentials themselves are never returned. */
  hasCredentials: boolean;
  credentialsExpireAt: string | null;
  /** Whose platform identity issued the stored token. */
  connectedById: string | null;
  credentialRotationRequired: boolean;
  credentialsInvalid: boolean;
  /** Staff who hold an admin role on the platform itself. */
  platformAdmins: string[];
  dpia: AccountDpiaSummary;
  /** Active, a DPIA in force and, for live mode, credentials present and not known invalid. */
  publishable: boolean;
  /** Why it was last suspended or closed. */
  statusReason: string | null;
  closedAt: string | null;
  createdAt: string;
  /** What the caller may do to the account now (API.md section 19). */
  @ApiProperty({ enum: ACCOUNT_ACTIONS, isArray: true }) allowedActions: string[];
}

export class AccountPage {
  items: AccountResponse[];
  nextCursor: string | null;
}
