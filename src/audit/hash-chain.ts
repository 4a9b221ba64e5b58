import { createHash } from 'crypto';
import { canonicalJson } from './canonical-json';

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
  const canonical = canonicalJson({
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
