import { ContentUnderCheck, Finding, RuleName, Severity } from './finding';

/** One content check: reads the content, never stores or changes anything. */
export interface ContentRule {
  readonly name: RuleName;
  readonly severity: Severity;
  check(content: ContentUnderCheck): Finding[];
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
 * the message says where any other hit is.
 */
export abstract class TextPatternRule implements ContentRule {
  abstract readonly name: RuleName;
  abstract readonly severity: Severity;

  /** Hits in one piece of text, in order, with UTF-16 offsets into it. */
  abstract find(value: string): TextHit[];

  check(content: ContentUnderCheck): Finding[] {
    const findings: Finding[] = this.find(content.text).map((hit) => this.finding(hit.message, hit.start, hit.end));
    if (content.title) findings.push(...this.find(content.title).map((hit) => this.finding(`In the title: ${hit.message}`)));
    content.media.forEach((item, index) => {
      if (item.altText) findings.push(...this.find(item.altText).map((hit) => this.finding(`In the description (alt text) of media item ${index + 1}: ${hit.message}`)));
    });
    return findings;
  }

  protected finding(message: string, start?: number, end?: number): Finding {
    return start === undefined ? { rule: this.name, severity: this.severity, message } : { rule: this.name, severity: this.severity, message, start, end };
  }
}
