import { ContentUnderCheck, Finding, RuleName, Severity } from './finding';
import { NormalisedText } from './normalised-text';

/** A post's text, title and alt texts, each normalised once for every rule to read. */
export interface PreparedContent {
  text: NormalisedText;
  title: NormalisedText | null;
  altTexts: (NormalisedText | null)[];
}

export function prepare(content: ContentUnderCheck): PreparedContent {
  return {
    text: NormalisedText.of(content.text),
    title: content.title ? NormalisedText.of(content.title) : null,
    altTexts: content.media.map((item) => (item.altText ? NormalisedText.of(item.altText) : null)),
  };
}

/** One content check: reads the content, never stores or changes anything. */
export interface ContentRule {
  readonly name: RuleName;
  readonly severity: Severity;
  check(content: ContentUnderCheck, prepared?: PreparedContent): Finding[];
}

/** A span of some piece of text that a rule objects to. */
export interface TextHit {
  start: number;
  end: number;
  message: string;
}

/**
 * A rule that looks for patterns in everything that gets published as words: the text, the title
 * and each media item's alt text. Only hits in the text carry offsets (API.md: offsets index `text`);
 * the message says where any other hit is. Rules read the normalised text; offsets are mapped back to
 * the text as written.
 */
export abstract class TextPatternRule implements ContentRule {
  abstract readonly name: RuleName;
  abstract readonly severity: Severity;

  /** Hits in one normalised text, in order, with UTF-16 offsets into its normalised form. */
  abstract findIn(value: NormalisedText): TextHit[];

  /** Hits in one piece of text, in order, with UTF-16 offsets into the text as written. */
  find(value: string | NormalisedText): TextHit[] {
    const text = typeof value === 'string' ? NormalisedText.of(value) : value;
    return this.findIn(text).map((hit) => ({ ...text.originalSpan(hit.start, hit.end), message: hit.message }));
  }

  check(content: ContentUnderCheck, prepared: PreparedContent = prepare(content)): Finding[] {
    const findings: Finding[] = this.find(prepared.text).map((hit) => this.finding(hit.message, hit.start, hit.end));
    if (prepared.title) findings.push(...this.findIn(prepared.title).map((hit) => this.finding(`In the title: ${hit.message}`)));
    prepared.altTexts.forEach((altText, index) => {
      if (altText) findings.push(...this.findIn(altText).map((hit) => this.finding(`In the description (alt text) of media item ${index + 1}: ${hit.message}`)));
    });
    return findings;
  }

  protected finding(message: string, start?: number, end?: number): Finding {
    return start === undefined ? { rule: this.name, severity: this.severity, message } : { rule: this.name, severity: this.severity, message, start, end };
  }
}
