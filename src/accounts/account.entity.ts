import { Entity } from 'typeorm';
import { BoolColumn, IdColumn, InstantColumn, IntColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';
import { AccountStatus } from './account-lifecycle';

export const PLATFORMS = ['facebook', 'instagram', 'linkedin', 'youtube'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const ACCOUNT_MODES = ['live', 'sandbox'] as const;
export type AccountMode = (typeof ACCOUNT_MODES)[number];

/** A corporate account on a platform. Its credentials are held sealed here and opened only by the vault. */
@Entity('accounts')
export class Account {
  @IdColumn() id: string;
  @StringColumn(20) platform: Platform;
  @StringColumn(200) name: string;
  /** The platform's own id for the page, organisation or channel. */
  @StringColumn(200) externalId: string;
  @StringColumn(10) mode: AccountMode;
  @StringColumn(20) status: AccountStatus;
  @RefColumn() ownerId: string;
  @IntColumn() requiredApprovals: 1 | 2;
  /** AES-256-GCM output, base64; null when no credentials were ever stored. */
  @TextColumn(true) credentialsCiphertext: string | null;
  @StringColumn(32, true) credentialsIv: string | null;
  @StringColumn(32, true) credentialsAuthTag: string | null;
  @InstantColumn(true) credentialsExpireAt: string | null;
  /** Whose platform identity issued the token: when they leave, the token must be rotated. */
  @RefColumn(true) connectedById: string | null;
  @BoolColumn() credentialRotationRequired: boolean;
  @BoolColumn() credentialsInvalid: boolean;
  /** Why the account was last suspended or closed. */
  @TextColumn(true) statusReason: string | null;
  @InstantColumn(true) closedAt: string | null;
  @InstantColumn() createdAt: string;
  @InstantColumn() updatedAt: string;

  get hasCredentials(): boolean {
    return this.credentialsCiphertext !== null;
  }
}

@Entity('account_platform_admins')
export class AccountPlatformAdmin {
  @IdColumn() accountId: string;
  @IdColumn() staffId: string;
  @InstantColumn() addedAt: string;
  @RefColumn() addedById: string;
}
