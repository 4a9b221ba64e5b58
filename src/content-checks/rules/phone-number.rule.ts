import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText } from '../normalised-text';

// A run of digits with the separators people type; which part of it is a UK number is decided below.
// Bounded: the longest written form ("+44 (0)20 7946 0000") is 19 characters, and an unbounded run would
// make a long string of spaced digits quadratic to scan.
// Only a "+", a 0 or a bracketed 0 can start a UK number, and it has at least ten characters: other digits are
// not tried at all, so digit-heavy text stays cheap.
const CANDIDATE = /(?<![\p{N}+])(?:\+\(?\d|\(?0)[\d \u00A0\-()]{8,22}\d/gu;
const INTERNATIONAL_PREFIX = /^(?:\+|00)44[ \u00A0-]?(?:\(0\)[ \u00A0-]?)?/;
const DIGIT_GROUP = /\d+/g;
// Numbers in use start 01, 02, 03, 05, 07, 08 or 09 (after the trunk 0).
const IN_USE = /^[1235789]/;

/**
 * UK telephone numbers in national form (01632 960 123, 020 7946 0000, 07700 900123) and
 * international form (+44 7700 900123, +44 (0)20 7946 0000, 0044 ...). Other countries' numbers are left alone.
 */
export class PhoneNumberRule extends TextPatternRule {
  readonly name = 'PHONE_NUMBER';
  readonly severity = 'warn';

  findIn({ text: value }: NormalisedText): TextHit[] {
    const hits: TextHit[] = [];
    const regex = new RegExp(CANDIDATE.source, CANDIDATE.flags);
    let match: RegExpExecArray | null;
    while ((match = regex.exec(value)) !== null) {
      const start = match.index;
      const found = ukNumberLength(match[0]);
      // A number that runs on past the candidate's bound is a longer number, not a phone number.
      const length = found !== null && !/\d/.test(value.charAt(start + found)) ? found : null;
      if (length !== null) {
        hits.push({ start, end: start + length, message: "This looks like a phone number. Only share the organisation's own numbers, never a person's." });
        regex.lastIndex = start + length;
      } else if (match[0].startsWith('+')) {
        // Another country's number: none of it is a UK number.
        regex.lastIndex = start + match[0].length;
      } else {
        // Not a number from here: try again from the next group of digits (e.g. "Room 12 020 7946 0000").
        const firstGroup = /\d+/.exec(match[0])!;
        regex.lastIndex = start + firstGroup.index + firstGroup[0].length;
      }
    }
    return hits;
  }
}

/** How many characters of the candidate form a UK number (ending at a group of digits), or null. */
function ukNumberLength(candidate: string): number | null {
  const international = INTERNATIONAL_PREFIX.exec(candidate);
  if (international) return longestPrefix(candidate, international[0].length);
  if (candidate.startsWith('+')) return null;
  const national = /^\(?0/.exec(candidate);
  if (!national) return null;
  return longestPrefix(candidate, national[0].length);
}

/** The longest run of whole digit groups after `from` holding 9 or 10 digits (the number without its 0 or +44), starting with a digit in use. */
function longestPrefix(candidate: string, from: number): number | null {
  const rest = candidate.slice(from);
  let digits = '';
  let best: number | null = null;
  for (const group of rest.matchAll(DIGIT_GROUP)) {
    digits += group[0];
    if (digits.length > 10) break;
    if (digits.length >= 9 && IN_USE.test(digits)) best = from + group.index + group[0].length;
  }
  return best;
}
