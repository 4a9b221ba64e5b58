import { createHash, randomBytes } from 'crypto';
import type { CredentialVault } from '../accounts/vault/credential-vault';
import type { CandidateKind, Connection } from './connection.entity';
import type { Grant } from './flows/platform-flow';

/** What a connection holds sealed: the PKCE verifier until the callback, then the tokens per candidate until used. */
export interface ConnectionSecrets {
  codeVerifier?: string;
  grants?: { externalId: string; kind: CandidateKind; grant: Grant }[];
}

/** The vault's associated data for a connection row, distinct from any account id. */
const boundTo = (connectionId: string) => `connection:${connectionId}`;

export function sealSecrets(vault: CredentialVault, connection: Connection, secrets: ConnectionSecrets | null): void {
  const sealed = secrets === null ? null : vault.sealJson(boundTo(connection.id), secrets);
  connection.secretsCiphertext = sealed?.ciphertext ?? null;
  connection.secretsIv = sealed?.iv ?? null;
  connection.secretsAuthTag = sealed?.authTag ?? null;
}

export function openSecrets(vault: CredentialVault, connection: Connection): ConnectionSecrets {
  if (connection.secretsCiphertext === null || connection.secretsIv === null || connection.secretsAuthTag === null) return {};
  return vault.unsealJson<ConnectionSecrets>(boundTo(connection.id), { ciphertext: connection.secretsCiphertext, iv: connection.secretsIv, authTag: connection.secretsAuthTag });
}

/** 256 random bits, URL-safe: the `state` and the PKCE verifier are both made this way. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Only the hash of a state is stored, so a database reader cannot complete someone's sign-in. */
export const hashState = (state: string): string => createHash('sha256').update(state, 'utf8').digest('hex');

export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');
