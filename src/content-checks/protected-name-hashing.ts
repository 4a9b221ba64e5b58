import { createHmac } from 'crypto';

// Kept in step with scripts/protected-names.js, which stores the hashes this module compares against
// (the CLI runs without a build, so it carries its own copy; the round-trip test holds the two together).

// Letters that Unicode decomposition does not turn into plain Latin ones.
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case, accents stripped, possessive 's and all punctuation removed: "Zoë's" -> "zoe", "O’Brien" -> "obrien". */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDS[letter])
    .replace(/['’ʼ]s$/u, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** HMAC-SHA256 of a normalised word or "word word" pair, keyed with the list's salt; hex. */
export function hashKey(salt: string, key: string): string {
  return createHmac('sha256', salt).update(key, 'utf8').digest('hex');
}

/** A word as written in a text: letters, digits, marks and in-word apostrophes; hyphens separate words. */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;
