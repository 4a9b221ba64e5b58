import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText, TextWord } from '../normalised-text';
import { merged } from '../spans';

/** A term made of words, compared word by word. */
interface WordTerm {
  keys: string[];
}

// A term written only with letters, digits, apostrophes and spaces or hyphens between words.
const WORDY = /^[\p{L}\p{N}'’ʼ]+(?:[\s-]+[\p{L}\p{N}'’ʼ]+)*$/u;
// What may stand between the words of a term: "do not resuscitate", "do-not-resuscitate", "Do_Not.Resuscitate".
const JOINER = /^[\s\-_./#·•*~+]{0,8}$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}_]/u;

/**
 * Terms from the organisation's list, matched whole: case-insensitively, on word boundaries, after the
 * text's normalisation (look-alike letters, accents, invisible characters), with any short run of spaces,
 * hyphens or dots between the words of a multi-word term, and in camel-cased hashtags ("#DoNotResuscitate").
 * "ass" does not match "class". Terms with symbols ("c++") are matched as written, still on word boundaries.
 */
export class ProhibitedTermRule extends TextPatternRule {
  readonly name = 'PROHIBITED_TERM';
  readonly severity = 'block';
  // Terms by their first word, longest first, so "care plan review" wins over "care plan".
  private readonly byFirstWord = new Map<string, WordTerm[]>();
  private readonly literals: string[] = [];

  constructor(terms: readonly string[]) {
    super();
    const seen = new Set<string>();
    for (const term of terms) {
      const normalised = NormalisedText.of(term.trim());
      const written = normalised.text.toLowerCase();
      if (written === '' || seen.has(written)) continue;
      seen.add(written);
      if (!WORDY.test(normalised.text)) {
        this.literals.push(written);
        continue;
      }
      const keys = normalised.words().map((word) => word.key);
      const list = this.byFirstWord.get(keys[0]) ?? [];
      list.push({ keys });
      this.byFirstWord.set(keys[0], list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.keys.length - a.keys.length);
    this.literals.sort((a, b) => b.length - a.length);
  }

  findIn(value: NormalisedText): TextHit[] {
    if (this.byFirstWord.size === 0 && this.literals.length === 0) return [];
    const spans: { start: number; end: number }[] = [];
    if (this.byFirstWord.size > 0) {
      const words = value.words();
      const parts = value.parts();
      this.scan(value.text, words, spans);
      if (parts.length !== words.length) this.scan(value.text, parts, spans);
    }
    if (this.literals.length > 0) this.scanLiterals(value.text, spans);
    return merged(spans).map((span) => ({
      ...span,
      message: `“${value.originalSlice(span.start, span.end)}” is on the organisation’s list of words and phrases that must not be published. Remove or reword it.`,
    }));
  }

  private scan(text: string, words: readonly TextWord[], spans: { start: number; end: number }[]): void {
    for (let index = 0; index < words.length; index += 1) {
      const terms = this.byFirstWord.get(words[index].key);
      if (!terms) continue;
      const term = terms.find((candidate) => matchesAt(text, words, index, candidate.keys));
      if (!term) continue;
      spans.push({ start: words[index].start, end: words[index + term.keys.length - 1].end });
      index += term.keys.length - 1;
    }
  }

  private scanLiterals(text: string, spans: { start: number; end: number }[]): void {
    const lower = text.toLowerCase();
    // Lower-casing keeps the length of normalised text (accents are already gone), so offsets carry over.
    if (lower.length !== text.length) return;
    for (const literal of this.literals) {
      for (let at = lower.indexOf(literal); at !== -1; at = lower.indexOf(literal, at + literal.length)) {
        const end = at + literal.length;
        if (LETTER_OR_DIGIT.test(lower.charAt(at - 1)) || LETTER_OR_DIGIT.test(lower.charAt(end))) continue;
        spans.push({ start: at, end });
      }
    }
  }
}

function matchesAt(text: string, words: readonly TextWord[], index: number, keys: readonly string[]): boolean {
  if (index + keys.length > words.length) return false;
  for (let k = 1; k < keys.length; k += 1) {
    const before = words[index + k - 1];
    const word = words[index + k];
    if (word.key !== keys[k]) return false;
    if (word.start - before.end > 8 || !JOINER.test(text.slice(before.end, word.start))) return false;
  }
  return true;
}
