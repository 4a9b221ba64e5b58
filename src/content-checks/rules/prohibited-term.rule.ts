import { TextHit, TextPatternRule } from '../content-rule';

/**
 * Terms from the organisation's list, matched whole: case-insensitively, on word boundaries,
 * with any run of spaces inside a multi-word term. "ass" does not match "class".
 */
export class ProhibitedTermRule extends TextPatternRule {
  readonly name = 'PROHIBITED_TERM';
  readonly severity = 'block';
  private readonly pattern: RegExp | null;

  constructor(terms: readonly string[]) {
    super();
    // Longest first, so "care plan review" wins over "care plan".
    const alternatives = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term !== ''))]
      .sort((a, b) => b.length - a.length)
      .map((term) => term.split(/\s+/).map(escapeRegExp).join('\\s+'));
    this.pattern = alternatives.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  }

  find(value: string): TextHit[] {
    if (this.pattern === null) return [];
    return [...value.matchAll(this.pattern)].map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      message: `“${match[0]}” is on the organisation’s list of words and phrases that must not be published. Remove or reword it.`,
    }));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
