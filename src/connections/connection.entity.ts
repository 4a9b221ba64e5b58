import { Entity } from 'typeorm';
import type { Platform } from '../accounts/account.entity';
import { IdColumn, InstantColumn, JsonColumn, RefColumn, StringColumn, TextColumn } from '../common/database/entity-columns';

export const CONNECTION_STATUSES = ['pending', 'authorised', 'used', 'failed', 'expired'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const CANDIDATE_KINDS = ['page', 'instagram_account', 'organization', 'channel'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** Which kind of account a candidate becomes. */
export const PLATFORM_OF_KIND: Record<CandidateKind, Platform> = { page: 'facebook', instagram_account: 'instagram', organization: 'linkedin', channel: 'youtube' };

/** What the signed-in platform user may publish to. Public: names and ids, never a token. */
export interface Candidate {
  externalId: string;
  name: string;
  kind: CandidateKind;
}

/**
 * One sign-in to a platform (API.md section 15). The `state` sent to the platform is stored only as its
 * SHA-256; the PKCE verifier and the tokens the platform issued are sealed by the vault and erased once
 * the connection is used, fails or expires.
 */
@Entity('connections')
export class Connection {
  @IdColumn() id: string;
  @StringColumn(20) platform: Platform;
  @StringColumn(20) status: ConnectionStatus;
  /** The account this connection reconnects, when started from one. */
  @RefColumn(true) accountId: string | null;
  @RefColumn() startedById: string;
  @InstantColumn() startedAt: string;
  @InstantColumn() expiresAt: string;
  @StringColumn(64) stateHash: string;
  /** Set when the platform sent the browser back with this state: a state works once. */
  @InstantColumn(true) stateUsedAt: string | null;
  @InstantColumn(true) authorisedAt: string | null;
  @JsonColumn() candidates: Candidate[];
  @StringColumn(40, true) failureCode: string | null;
  @TextColumn(true) failureMessage: string | null;
  @TextColumn(true) secretsCiphertext: string | null;
  @StringColumn(32, true) secretsIv: string | null;
  @StringColumn(32, true) secretsAuthTag: string | null;
  @InstantColumn() updatedAt: string;
}
