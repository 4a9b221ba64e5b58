import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText } from '../normalised-text';

// The Royal Mail format: the outward code's letters exclude Q, V, X first and I, J, Z second; the inward
// code's two letters never use C, I, K, M, O or V. Those exclusions keep most product codes out.
const OUTWARD = '[A-PR-UWYZ](?:\\d[A-HJKPSTUW\\d]?|[A-HK-Y]\\d[ABEHMNPRV-Y\\d]?)';
const INWARD = '\\d[ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(`(?<![\\p{L}\\p{N}])(?:GIR ?0AA|${OUTWARD}( ?)${INWARD})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * UK postcodes, written in capitals (SW1A 1AA, SW1A1AA) or all in lower case with the space (sw1a 1aa).
 * Mixed case ("B1 2nd floor") is prose, not a postcode.
 */
export class PostcodeRule extends TextPatternRule {
  readonly name = 'POSTCODE';
  readonly severity = 'warn';

  findIn({ text: value }: NormalisedText): TextHit[] {
    const hits: TextHit[] = [];
    for (const match of value.matchAll(POSTCODE)) {
      const text = match[0];
      const upper = text === text.toUpperCase();
      const lowerWithSpace = text === text.toLowerCase() && text.includes(' ');
      if (!upper && !lowerWithSpace) continue;
      hits.push({
        start: match.index,
        end: match.index + text.length,
        message: "This looks like a postcode. Never give a person's address; the organisation's own address is fine.",
      });
    }
    return hits;
  }
}
