import { lookAlike } from './confusables';

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
/** A word: letters and digits, with apostrophes inside; hyphens, #, @ and _ separate words. */
const WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
const CAMEL_BREAK = /(?<=\p{Ll})(?=\p{Lu})/u;
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
// What a character becomes, cached: decomposition is the costly part and posts reuse few characters.
const FOLDED = new Map<number, string>();

/** One character as the checks read it: compatibility forms decomposed, accents dropped, look-alikes folded to Latin. */
function fold(character: string): string {
  const codePoint = character.codePointAt(0)!;
  let folded = FOLDED.get(codePoint);
  if (folded === undefined) {
    folded = '';
    if (!INVISIBLE.test(character)) {
      for (const part of character.normalize('NFKD')) {
        if (!MARK.test(part)) folded += lookAlike(part) ?? part;
      }
    }
    FOLDED.set(codePoint, folded);
  }
  return folded;
}

/** "O’Brien's" -> "obrien": how a word is compared with a name or a term. */
export function wordKey(word: string): string {
  let key = word.toLowerCase();
  if (/['’ʼ]s$/u.test(key)) key = key.slice(0, -2);
  return key.replace(/['’ʼ]/gu, '');
}

/**
 * A text as every content rule reads it, computed once per text: NFKC-style compatibility forms (full-width
 * letters, ligatures), accents stripped, invisible characters removed and look-alike letters from other scripts
 * folded to Latin ones, so "Ａｄａ", "A\u200Bda" and "Аda" (Cyrillic А) all read "Ada". Case is kept (postcodes
 * depend on it). Every character remembers the span of the original it came from, so findings point at what the
 * author wrote.
 */
export class NormalisedText {
  private wordList: TextWord[] | null = null;
  private partList: TextWord[] | null = null;

  private constructor(
    readonly original: string,
    readonly text: string,
    // Original offsets of each normalised character's source; null when the text needed no change.
    private readonly starts: Int32Array | null,
    private readonly ends: Int32Array | null,
  ) {}

  static of(original: string): NormalisedText {
    if (PLAIN_ASCII.test(original)) return new NormalisedText(original, original, null, null);
    const pieces: string[] = [];
    let starts = new Int32Array(original.length + 16);
    let ends = new Int32Array(original.length + 16);
    let length = 0;
    for (let index = 0; index < original.length; ) {
      const code = original.charCodeAt(index);
      let character: string;
      let folded: string;
      if (code < 0x80) {
        character = original[index];
        folded = character;
      } else {
        character = String.fromCodePoint(original.codePointAt(index)!);
        folded = fold(character);
      }
      if (length + folded.length > starts.length) {
        const grown = Math.max(starts.length * 2, length + folded.length);
        starts = copyInto(new Int32Array(grown), starts);
        ends = copyInto(new Int32Array(grown), ends);
      }
      for (let k = 0; k < folded.length; k += 1) {
        starts[length] = index;
        ends[length] = index + character.length;
        length += 1;
      }
      pieces.push(folded);
      index += character.length;
    }
    return new NormalisedText(original, pieces.join(''), starts, ends);
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

  /** The words, as written: "#AdaSample" is one word "AdaSample". */
  words(): TextWord[] {
    if (this.wordList === null) {
      this.wordList = [];
      for (const match of this.text.matchAll(WORD)) {
        this.wordList.push({ start: match.index, end: match.index + match[0].length, key: wordKey(match[0]) });
      }
    }
    return this.wordList;
  }

  /** The words with camel case split, as hashtags and handles are read: "#AdaSample" is "Ada", "Sample". */
  parts(): TextWord[] {
    if (this.partList === null) {
      const parts: TextWord[] = [];
      for (const word of this.words()) {
        const written = this.text.slice(word.start, word.end);
        // Most words have no capital after a small letter: the word itself is its only part.
        if (!CAMEL_BREAK.test(written)) {
          parts.push(word);
          continue;
        }
        let offset = word.start;
        for (const piece of written.split(CAMEL_BREAK)) {
          parts.push({ start: offset, end: offset + piece.length, key: wordKey(piece) });
          offset += piece.length;
        }
      }
      this.partList = parts;
    }
    return this.partList;
  }
}

function copyInto(target: Int32Array<ArrayBuffer>, source: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  target.set(source);
  return target;
}
