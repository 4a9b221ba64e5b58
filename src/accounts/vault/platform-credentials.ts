/** What the vault holds for one account. Never leaves the process except towards the platform itself. */
export interface PlatformCredentials {
  accessToken: string;
  refreshToken: string | null;
  clientId: string | null;
  clientSecret: string | null;
}

export interface SealedCredentials {
  ciphertext: string;
  iv: string;
  authTag: string;
}
