import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText } from '../normalised-text';

// Ten digits, as 3-3-4 groups run together or split by what people type between them (spaces, dashes, dots,
// slashes, up to three of them); not when part of a longer number (or a decimal). Bounded, so linear to scan.
const SEPARATOR = '[ \\u00A0./-]{0,3}';
const CANDIDATE = new RegExp(`(?<![\\p{N}])(?<![\\p{N}][.,/-])(\\d{3})${SEPARATOR}(\\d{3})${SEPARATOR}(\\d{4})(?![\\p{N}])(?![.,/-]\\d)`, 'gu');

/** The NHS number check digit (modulus 11): a number failing it is not an NHS number. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export class NhsNumberRule extends TextPatternRule {
  readonly name = 'NHS_NUMBER';
  readonly severity = 'block';

  findIn({ text: value }: NormalisedText): TextHit[] {
    const hits: TextHit[] = [];
    for (const match of value.matchAll(CANDIDATE)) {
      if (!isValidNhsNumber(match[1] + match[2] + match[3])) continue;
      hits.push({
        start: match.index,
        end: match.index + match[0].length,
        message: 'This looks like an NHS number. Never identify a service user: remove it.',
      });
    }
    return hits;
  }
}
