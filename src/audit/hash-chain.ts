import { createHash } from 'crypto';
import type { AuditEntry } from './audit-entry.entity';

export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: every column but the chain's own (prevHash, hash, signature). */
export type ChainedFields = Pick<AuditEntry, 'id' | 'at' | 'actorId' | 'action' | 'subjectType' | 'subjectId' | 'details'>;

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
