import { createPublicKey, KeyObject, sign, verify } from 'crypto';

/** A signed statement that entry `id`, with this `hash`, was the chain's newest at `at`. */
export interface Checkpoint {
  id: number;
  hash: string;
  at: string;
  signature: string;
}

/** Ed25519 signatures in base64url without padding: 86 characters. */
export const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;

/** What an entry's signature covers: the 64 hex characters of its hash, as ASCII. */
export const entrySignedText = (hash: string): string => hash;

/** What a checkpoint's signature covers; the prefix keeps it from ever reading as an entry hash. */
export const checkpointSignedText = (id: number, hash: string, at: string): string => `gatehouse-audit-checkpoint:${id}:${hash}:${at}`;

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'ascii'), privateKey).toString('base64url');
}

export function verifyText(publicKey: KeyObject, text: string, signature: string | null | undefined): boolean {
  if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return false;
  return verify(null, Buffer.from(text, 'ascii'), publicKey, Buffer.from(signature, 'base64url'));
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
