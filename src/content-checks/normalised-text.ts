import { lookAlike } from './confusables';
import { LinkSpan, linksIn } from './web-links';

/** A word of a normalised text, with its offsets in that text and the key names and terms are compared by. */
export interface TextWord {
  start: number;
  end: number;
  /** Lower case, apostrophes and a possessive 's removed: "O’Brien's" -> "obrien". */
  key: string;
}

// Characters that show nothing: zero-width spaces and joiners, soft hyphens, bidi controls, variation selectors.
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const MARK = /^\p{M}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
// A word is letters and digits, with apostrophes inside; hyphens, #, @ and _ separate words.
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const WORD_CHARACTER = new Map<number, boolean>();
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
// What a character becomes, cached: decomposition is the costly part and posts reuse few characters.
const FOLDED = new Map<number, string>();

/** One character as the checks read it: compatibility forms decomposed, accents dropped, look-alikes folded to Latin. */
function fold(character: string): string {
  const codePoint = character.codePointAt(0)!;
  let folded = FOLDED.get(codePoint);
  if (folded === undefined) {
    folded = '';
    if (DECIMAL_DIGIT.test(character) && character.normalize('NFKD') === character) {
      folded = String(digitValue(codePoint));
    } else if (!INVISIBLE.test(character)) {
      for (const part of character.normalize('NFKD')) {
        if (!MARK.test(part)) folded += lookAlike(part) ?? part;
      }
    }
    FOLDED.set(codePoint, folded);
  }
  return folded;
}

/** The value of a decimal digit from any script: Unicode puts each script's digits 0 to 9 in a run of ten. */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (codePoint - zero < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return codePoint - zero;
}

/** "O’Brien's" -> "obrien": how a word is compared with a name or a term. */
export function wordKey(word: string): string {
  let key = word.toLowerCase();
  // Most words have no apostrophe: nothing more to do.
  if (key.indexOf("'") === -1 && key.indexOf('’') === -1 && key.indexOf('ʼ') === -1) return key;
  if (/['’ʼ]s$/u.test(key)) key = key.slice(0, -2);
  return key.replace(/['’ʼ]/gu, '');
}

/**
 * A text as every content rule reads it, computed once per text: NFKC-style compatibility forms (full-width
 * letters, ligatures, digits of other scripts), accents stripped, invisible characters removed and look-alike letters from other scripts
 * folded to Latin ones, so "Ａｄａ", "A\u200Bda" and "Аda" (Cyrillic А) all read "Ada". Case is kept (postcodes
 * depend on it). Every character remembers the span of the original it came from, so findings point at what the
 * author wrote.
 */
export class NormalisedText {
  private wordList: TextWord[] | null = null;
  private partList: TextWord[] | null = null;
  private linkList: LinkSpan[] | null = null;

  private constructor(
    readonly original: string,
    readonly text: string,
    // Original offsets of each normalised character's source; null when the text needed no change.
    private readonly starts: Int32Array | null,
    private readonly ends: Int32Array | null,
  ) {}

  static of(original: string): NormalisedText {
    if (PLAIN_ASCII.test(original)) return new NormalisedText(original, original, null, null);
    let text = '';
    let starts = new Int32Array(original.length + 16);
    let ends = new Int32Array(original.length + 16);
    let length = 0;
    let plainFrom = 0;
    let index = 0;
    while (index < original.length) {
      const code = original.charCodeAt(index);
      if ((code >= 0x20 && code <= 0x7e) || code === 0x09 || code === 0x0a || code === 0x0d) {
        // Plain characters stay as they are; they are copied a run at a time.
        starts[length] = index;
        ends[length] = index + 1;
        length += 1;
        index += 1;
        continue;
      }
      if (plainFrom < index) text += original.slice(plainFrom, index);
      const character = code < 0x80 ? original[index] : String.fromCodePoint(original.codePointAt(index)!);
      const folded = code < 0x80 ? character : fold(character);
      if (length + folded.length + (original.length - index) > starts.length) {
        const grown = Math.max(starts.length * 2, length + folded.length + (original.length - index));
        starts = copyInto(new Int32Array(grown), starts);
        ends = copyInto(new Int32Array(grown), ends);
      }
      for (let k = 0; k < folded.length; k += 1) {
        starts[length] = index;
        ends[length] = index + character.length;
        length += 1;
      }
      text += folded;
      index += character.length;
      plainFrom = index;
    }
    if (plainFrom < original.length) text += original.slice(plainFrom);
    return new NormalisedText(original, text, starts, ends);
  }

  /** The span of the original text that the normalised span [start, end) came from. */
  originalSpan(start: number, end: number): { start: number; end: number } {
    if (this.starts === null || this.ends === null) return { start, end };
    const from = start < this.text.length ? this.starts[start] : this.original.length;
    const to = end > start ? this.ends[end - 1] : from;
    return { start: from, end: to };
  }

  /** The original text behind a normalised span. */
  originalSlice(start: number, end: number): string {
    const span = this.originalSpan(start, end);
    return this.original.slice(span.start, span.end);
  }

  /** The web addresses in the normalised text (read once, for every rule that needs them). */
  links(): LinkSpan[] {
    this.linkList ??= linksIn(this.text);
    return this.linkList;
  }

  /** The words, as written: "#AdaSample" is one word "AdaSample". Read in one pass over the characters. */
  words(): TextWord[] {
    if (this.wordList === null) {
      const words: TextWord[] = [];
      const text = this.text;
      let index = 0;
      while (index < text.length) {
        if (!isWordCharacter(text, index)) {
          index += 1;
          continue;
        }
        const start = index;
        for (;;) {
          while (index < text.length && isWordCharacter(text, index)) index += characterLength(text, index);
          // An apostrophe between letters stays inside the word: "O'Brien", "Jane's".
          if (index + 1 < text.length && isApostrophe(text.charCodeAt(index)) && isWordCharacter(text, index + 1)) index += 1;
          else break;
        }
        words.push({ start, end: index, key: wordKey(text.slice(start, index)) });
      }
      this.wordList = words;
    }
    return this.wordList;
  }

  /** The words with camel case split, as hashtags and handles are read: "#AdaSample" is "Ada", "Sample". */
  parts(): TextWord[] {
    if (this.partList === null) {
      const text = this.text;
      let parts = null as TextWord[] | null;
      const words = this.words();
      for (let w = 0; w < words.length; w += 1) {
        const word = words[w];
        // A very long run of letters is no hashtag anyone reads as words: it is left whole.
        if (word.end - word.start > MAX_CAMEL_WORD) {
          parts?.push(word);
          continue;
        }
        let from = word.start;
        for (let at = word.start + 1; at < word.end; at += 1) {
          if (!isCamelBreak(text, at)) continue;
          // The first camel-cased word: the words before it are parts as they are.
          parts ??= words.slice(0, w);
          parts.push({ start: from, end: at, key: wordKey(text.slice(from, at)) });
          from = at;
        }
        if (parts === null) continue;
        parts.push(from === word.start ? word : { start: from, end: word.end, key: wordKey(text.slice(from, word.end)) });
      }
      // Most texts have no camel case at all: the parts are the words.
      this.partList = parts ?? words;
    }
    return this.partList;
  }
}

const MAX_CAMEL_WORD = 100;
const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

/** A small letter followed by a capital: "aS" in "AdaSample". */
function isCamelBreak(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const here = text.charCodeAt(at);
  if (before < 0x80 && here < 0x80) return before >= 0x61 && before <= 0x7a && here >= 0x41 && here <= 0x5a;
  return LOWER.test(text[at - 1]) && UPPER.test(text[at]);
}

function isWordCharacter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  const codePoint = text.codePointAt(index)!;
  let known = WORD_CHARACTER.get(codePoint);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
    WORD_CHARACTER.set(codePoint, known);
  }
  return known;
}

function characterLength(text: string, index: number): number {
  return text.codePointAt(index)! > 0xffff ? 2 : 1;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2bc;
}

function copyInto(target: Int32Array<ArrayBuffer>, source: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  target.set(source);
  return target;
}
