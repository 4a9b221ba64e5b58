import { createHash, createHmac } from 'crypto';
import { NormalisedText } from './normalised-text';

// Kept in step with scripts/protected-names.js, which writes the seed file these are compared against (the CLI
// runs without a build, so it carries its own copy; the round-trip test holds the two together).

/** HMAC-SHA256 of a normalised word or "word word" pair, keyed with the list's salt; hex. */
export function hashKey(salt: string, key: string): string {
  return createHmac('sha256', salt).update(key, 'utf8').digest('hex');
}

/** Bits kept of a word's filter value: enough to rule out nearly every word cheaply, too few to name anyone. */
export const FILTER_BITS = 20;
const FNV_PRIME = 0x01000193;

/** FNV-1a state after the salt and a separator: the start of every word filter for one list. */
export function filterSeed(salt: string): number {
  return fnv(0x811c9dc5, `${salt}\u0000`);
}

/**
 * A salted 20-bit filter value of one word of a name. The checker hashes (HMAC) only words whose filter value
 * is on the list, so a long post costs a few HMACs instead of one per word and pair.
 */
export function wordFilter(seed: number, key: string): number {
  return fnv(seed, key) & ((1 << FILTER_BITS) - 1);
}

function fnv(state: number, text: string): number {
  let hash = state;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** What Gatehouse stores for one protected name: the hashes the checker looks up and its words' filter values. */
export interface ProtectedNameEntry {
  /** Identifies the entry whatever order or spelling it was added in: a digest of its sorted hashes. */
  entryHash: string;
  hashes: string[];
  filters: number[];
}

/**
 * The keys a name is found by. The checker hashes single words and adjacent pairs, so:
 * one word -> that word; two words -> both orders ("Jane Doe", "Doe, Jane");
 * more words -> each adjacent pair plus first-and-last in both orders.
 */
export function keysForName(name: string): { keys: string[]; words: string[] } {
  const words = NormalisedText.of(name)
    .words()
    .map((word) => word.key)
    .filter((key) => key !== '');
  if (words.length <= 1) return { keys: words, words };
  const keys = new Set<string>();
  for (let i = 0; i + 1 < words.length; i += 1) keys.add(`${words[i]} ${words[i + 1]}`);
  keys.add(`${words[0]} ${words[words.length - 1]}`);
  keys.add(`${words[words.length - 1]} ${words[0]}`);
  return { keys: [...keys], words };
}

/** The entry for a name, or null when it has no letters or digits. */
export function protectedNameEntry(salt: string, name: string): ProtectedNameEntry | null {
  const { keys, words } = keysForName(name);
  if (keys.length === 0) return null;
  const hashes = [...new Set(keys.map((key) => hashKey(salt, key)))].sort();
  const seed = filterSeed(salt);
  const filters = [...new Set(words.map((word) => wordFilter(seed, word)))].sort((a, b) => a - b);
  return { entryHash: createHash('sha256').update(hashes.join(',')).digest('hex'), hashes, filters };
}
