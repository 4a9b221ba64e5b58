import { createHash } from 'crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: string;
}

/** hash = SHA-256(previous hash + canonical entry). */
export function chainHash(prevHash: string, entry: ChainedFields): string {
  // The canonical JSON of these flat fields, written out with its keys already in sorted order:
  // verify hashes every entry, and sorting keys a million times is most of its cost.
  const canonical = JSON.stringify({
    action: entry.action,
    actorId: entry.actorId,
    at: entry.at,
    details: entry.details,
    id: entry.id,
    subjectId: entry.subjectId,
    subjectType: entry.subjectType,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
