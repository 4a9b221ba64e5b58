import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText } from '../normalised-text';

// Lengths bounded as in RFC 5321 (64 for the local part, 63 a label), which also keeps a long run of letters linear to scan.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

/** A warning, not a block: the organisation's own contact address is fine to share; a person's may not be. */
export class EmailAddressRule extends TextPatternRule {
  readonly name = 'EMAIL_ADDRESS';
  readonly severity = 'warn';

  findIn(normalised: NormalisedText): TextHit[] {
    const value = normalised.text;
    // Something@something inside a web address is part of the address (a path or a login), not an email address.
    const links = normalised.links();
    const hits: TextHit[] = [];
    let link = 0;
    for (const match of value.matchAll(EMAIL)) {
      const start = match.index;
      const end = start + match[0].length;
      // Both are in text order: walk the links alongside, so many links and addresses stay linear.
      while (link < links.length && links[link].end <= start) link += 1;
      if (link < links.length && links[link].start < end) continue;
      hits.push({ start, end, message: "This looks like an email address. Only share the organisation's own addresses, never a person's." });
    }
    return hits;
  }
}
