import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText, TextWord } from '../normalised-text';
import { filterSeed, hashKey, wordFilter } from '../protected-name-hashing';
import { merged } from '../spans';

export interface ProtectedNameList {
  salt: string;
  hashes: ReadonlySet<string>;
  /**
   * The salted filter values of every word of every name. Null when some entry came without them (an old
   * seed file): every word is then hashed, which is correct but slower.
   */
  filters?: ReadonlySet<number> | null;
}

// A pair does not span the end of a sentence or clause: "... Jane. Doe said" is not "Jane Doe"; "Jane.Doe" is.
const PAIR_BREAK = /[!?;:]|\.\s/;
// Longer "words" are codes or addresses, never names; skipping them keeps hashing cheap.
const MAX_WORD_LENGTH = 40;

/**
 * Names that must never appear (the people the service supports), known only by salted hashes: every word
 * and every pair of adjacent words is looked up, as written ("Jo McDonald") and with camel case split
 * ("#AdaSample" is "Ada Sample"). Only words whose cheap salted filter value is on the list are hashed.
 * A name inside a longer word ("Ann" in "Annual") is a different word and is not matched.
 */
export class ProtectedNameRule extends TextPatternRule {
  readonly name = 'PROTECTED_NAME';
  readonly severity = 'block';
  private readonly seed: number;

  constructor(private readonly list: ProtectedNameList) {
    super();
    this.seed = filterSeed(list.salt);
  }

  findIn(value: NormalisedText): TextHit[] {
    if (this.list.hashes.size === 0) return [];
    const known = new Map<string, boolean>();
    const filters = this.list.filters ?? null;
    const candidate = (word: TextWord): boolean =>
      word.key !== '' && word.key.length <= MAX_WORD_LENGTH && (filters === null || filters.has(wordFilter(this.seed, word.key)));
    const isProtected = (key: string): boolean => {
      let found = known.get(key);
      if (found === undefined) {
        found = this.list.hashes.has(hashKey(this.list.salt, key));
        known.set(key, found);
      }
      return found;
    };
    const spans: { start: number; end: number }[] = [];
    const scan = (words: readonly TextWord[]) => {
      for (let index = 0; index < words.length; index += 1) {
        const word = words[index];
        if (!candidate(word)) continue;
        const next = words[index + 1];
        if (next && candidate(next) && !PAIR_BREAK.test(value.text.slice(word.end, next.start)) && isProtected(`${word.key} ${next.key}`)) {
          spans.push({ start: word.start, end: next.end });
        }
        if (isProtected(word.key)) spans.push({ start: word.start, end: word.end });
      }
    };
    const words = value.words();
    const parts = value.parts();
    scan(words);
    if (parts !== words && parts.length !== words.length) scan(parts);
    return merged(spans).map((span) => ({
      ...span,
      message: 'This looks like the name of someone the service supports. Never identify a service user: remove the name.',
    }));
  }
}
