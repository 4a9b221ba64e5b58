import type { Account } from '../account.entity';
import type { CredentialVault } from './credential-vault';
import type { PlatformCredentials } from './platform-credentials';

/**
 * Two kinds of stored token: one from signing in (API.md section 15) keeps its access token's expiry in the
 * vault and, on the account, when it must be reconnected; one pasted in by hand keeps the access token's
 * expiry on the account. These two functions are where that difference lives.
 */
export function accessTokenExpiry(credentials: PlatformCredentials, account: Pick<Account, 'credentialsExpireAt'>): string | null {
  return credentials.accessTokenExpiresAt !== undefined ? credentials.accessTokenExpiresAt : account.credentialsExpireAt;
}

export interface RefreshedToken {
  accessToken: string;
  refreshToken: string | null;
  accessTokenExpiresAt: string | null;
  /** When the refresh grant itself ends, when the platform said. */
  reconnectBy?: string | null;
  /** The app the refresh went through, when it differs from the one stored (a rotated secret). */
  client?: { id: string; secret: string } | null;
}

/** Seals a refreshed token onto the account (the caller saves the row in its transaction). */
export function sealRefreshed(vault: CredentialVault, account: Account, current: PlatformCredentials, refreshed: RefreshedToken): void {
  const signedIn = current.accessTokenExpiresAt !== undefined;
  vault.sealInto(account, {
    ...current,
    ...(refreshed.client ? { clientId: refreshed.client.id, clientSecret: refreshed.client.secret } : {}),
    accessToken: refreshed.accessToken,
    refreshToken: refreshed.refreshToken ?? current.refreshToken,
    ...(signedIn ? { accessTokenExpiresAt: refreshed.accessTokenExpiresAt } : {}),
  });
  account.credentialsExpireAt = signedIn ? (refreshed.reconnectBy ?? account.credentialsExpireAt) : refreshed.accessTokenExpiresAt;
}
