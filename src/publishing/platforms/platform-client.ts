import type { AccountMode, Platform } from '../../accounts/account.entity';

/** The account as the platform knows it: `externalId` is the Page, Instagram user, organisation or channel id. */
export interface PlatformAccount {
  platform: Platform;
  externalId: string;
  mode: AccountMode;
}

/** Credentials as the vault opened them; never logged, never put in an outcome message. */
export interface PlatformCredentialsInput {
  accessToken: string;
  refreshToken?: string | null;
  /** ISO instant when the access token expires, when known: a due refresh happens before the call. */
  expiresAt?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
}

export interface PublishMedia {
  mimeType: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Local file the bytes are read from (LinkedIn, YouTube upload them). */
  path: string;
  /** Signed URL the platform fetches itself (Facebook, Instagram); see MediaLinks. */
  publicUrl: string;
}

export interface PublishPost {
  text: string;
  title?: string | null;
  link?: string | null;
  media: PublishMedia[];
}

export interface PublishRequest {
  account: PlatformAccount;
  credentials: PlatformCredentialsInput;
  post: PublishPost;
}

/** New credentials obtained by a refresh during the call: the caller seals them back into the vault. */
export interface RefreshedCredentials {
  accessToken: string;
  /** The refresh token to keep: the new one when the platform rotated it, else the one used. */
  refreshToken: string | null;
  expiresAt: string | null;
}

export type RefusalCode = 'CREDENTIALS_INVALID' | 'PERMISSION_DENIED' | 'DUPLICATE' | 'REJECTED_BY_PLATFORM';

/** The platform answered and the post exists. `url` is null only for sandbox posts. */
export interface Published {
  kind: 'published';
  externalId: string;
  url: string | null;
}

/** A definite refusal: nothing was created. */
export interface Refused {
  kind: 'refused';
  code: RefusalCode;
  message: string;
}

/** A rate limit or quota: nothing was created; retry after `retryAfterMs` (null: the platform gave no wait). */
export interface RateLimited {
  kind: 'rate_limited';
  retryAfterMs: number | null;
  message: string;
}

/** No answer, a dropped connection after sending, or a 5xx on the creating call: the post may exist. Never retry blindly. */
export interface Unknown {
  kind: 'unknown';
  message: string;
}

/** The call failed in a way that guarantees nothing was created (e.g. connection refused): safe to retry. */
export interface NotCreatedRetryable {
  kind: 'not_created_retryable';
  message: string;
}

export type PublishOutcome = (Published | Refused | RateLimited | Unknown | NotCreatedRetryable) & {
  credentialsRefreshed?: RefreshedCredentials;
};

export interface FindRecentQuery {
  account: PlatformAccount;
  credentials: PlatformCredentialsInput;
  post: Pick<PublishPost, 'text' | 'title' | 'link'>;
  /** ISO instants bounding when the post may have been created (e.g. the attempt time minus/plus a margin). */
  since: string;
  until: string;
}

export type FindRecentResult = (
  | { kind: 'found'; externalId: string; url: string | null }
  | { kind: 'not_found' }
  | { kind: 'unsupported' }
  /** The lookup itself failed (or was refused / rate limited): try again later. */
  | { kind: 'lookup_failed'; message: string }
) & { credentialsRefreshed?: RefreshedCredentials };

export type RemoveOutcome = (
  | { kind: 'removed' }
  /** The post was already gone on the platform. */
  | { kind: 'not_found' }
  /** The platform offers no delete (Instagram): a manual task. */
  | { kind: 'unsupported' }
  | Refused
  | RateLimited
  | Unknown
  | NotCreatedRetryable
) & { credentialsRefreshed?: RefreshedCredentials };

export interface RemoveRequest {
  account: PlatformAccount;
  credentials: PlatformCredentialsInput;
  externalId: string;
}

/** One platform's HTTP API, as the publishing worker sees it. Clients never throw for platform answers. */
export interface PlatformClient {
  readonly platform: Platform | 'sandbox';
  publish(request: PublishRequest): Promise<PublishOutcome>;
  findRecent(query: FindRecentQuery): Promise<FindRecentResult>;
  remove(request: RemoveRequest): Promise<RemoveOutcome>;
}
