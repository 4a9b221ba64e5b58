/** What the vault holds for one account. Never leaves the process except towards the platform itself. */
export interface PlatformCredentials {
  accessToken: string;
  refreshToken: string | null;
  clientId: string | null;
  clientSecret: string | null;
  /** When the access token itself expires, for tokens obtained by signing in (the account's credentialsExpireAt says when to reconnect). */
  accessTokenExpiresAt?: string | null;
}

export interface SealedCredentials {
  ciphertext: string;
  iv: string;
  authTag: string;
}
