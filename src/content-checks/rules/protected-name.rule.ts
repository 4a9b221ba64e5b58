import { TextHit, TextPatternRule } from '../content-rule';
import { hashKey, normaliseWord, WORD } from '../protected-name-hashing';

export interface ProtectedNameList {
  salt: string;
  hashes: ReadonlySet<string>;
}

// A pair does not span the end of a sentence or clause: "... Jane. Doe said" is not "Jane Doe".
const PAIR_BREAK = /[.!?;:]/;
// Longer "words" are codes or addresses, never names; skipping them keeps hashing cheap.
const MAX_WORD_LENGTH = 40;

/**
 * Names that must never appear (the people the service supports), known only by salted hashes:
 * every word and every pair of adjacent words is normalised, hashed with the list's salt and looked up.
 * A name inside a longer word ("Ann" in "Annual") is a different word and is not matched.
 */
export class ProtectedNameRule extends TextPatternRule {
  readonly name = 'PROTECTED_NAME';
  readonly severity = 'block';

  constructor(private readonly list: ProtectedNameList) {
    super();
  }

  find(value: string): TextHit[] {
    if (this.list.hashes.size === 0) return [];
    const words = [...value.matchAll(WORD)]
      .map((match) => ({ start: match.index, end: match.index + match[0].length, key: normaliseWord(match[0]) }))
      .filter((word) => word.key !== '' && word.key.length <= MAX_WORD_LENGTH);
    const seen = new Map<string, boolean>();
    const isProtected = (key: string): boolean => {
      let known = seen.get(key);
      if (known === undefined) {
        known = this.list.hashes.has(hashKey(this.list.salt, key));
        seen.set(key, known);
      }
      return known;
    };
    const spans: { start: number; end: number }[] = [];
    words.forEach((word, index) => {
      const next = words[index + 1];
      if (next && !PAIR_BREAK.test(value.slice(word.end, next.start)) && isProtected(`${word.key} ${next.key}`)) {
        spans.push({ start: word.start, end: next.end });
      }
      if (isProtected(word.key)) spans.push({ start: word.start, end: word.end });
    });
    return merged(spans).map((span) => ({
      ...span,
      message: 'This looks like the name of someone the service supports. Never identify a service user: remove the name.',
    }));
  }
}

/** One span per mention: overlapping matches ("Zoe O'Brien" and "O'Brien-Smith") merge, in text order. */
function merged(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else kept.push({ ...span });
  }
  return kept;
}
