import { domainToASCII } from 'url';
import { ContentRule, prepare, PreparedContent } from '../content-rule';
import { ContentUnderCheck, Finding } from '../finding';
import { hostOf, MAX_LINK_LENGTH } from '../web-links';

/**
 * Links should lead back to the organisation's own websites (the policy's "links back to the website").
 * A host counts as the organisation's only when it is a configured domain or ends in "." plus one, so a
 * look-alike such as evilexample.org does not pass for example.org.
 */
export class LinkDomainRule implements ContentRule {
  readonly name = 'LINK_DOMAIN';
  readonly severity = 'warn';
  private readonly domains: string[];

  constructor(orgDomains: readonly string[]) {
    this.domains = orgDomains.map((domain) => domainToASCII(domain.trim().toLowerCase().replace(/\.$/, ''))).filter((domain) => domain !== '');
  }

  check(content: ContentUnderCheck, prepared: PreparedContent = prepare(content)): Finding[] {
    const findings: Finding[] = [];
    if (content.link) {
      const host = hostOf(content.link);
      if (host === null) findings.push(this.finding('The post’s link is not a web address that can be checked. Use a full address starting https://.'));
      else if (!this.isOrganisations(host)) findings.push(this.finding(`The post’s link goes to ${host}, which is not one of the organisation’s websites. ${ADVICE}`));
    }
    // Links are found in the normalised text, but the host is read from what was written: a look-alike
    // letter in a host is a different host (the browser goes there), never the organisation's.
    for (const link of prepared.text.links()) {
      const span = prepared.text.originalSpan(link.start, link.end);
      const host = hostOf(content.text.slice(span.start, Math.min(span.end, span.start + MAX_LINK_LENGTH)));
      if (host !== null && this.isOrganisations(host)) continue;
      findings.push(
        this.finding(
          host === null ? 'This web address cannot be read. Check it is written correctly.' : `This link goes to ${host}, which is not one of the organisation’s websites. ${ADVICE}`,
          span.start,
          span.end,
        ),
      );
    }
    if (content.title) {
      const title = prepared.title ?? prepare(content).title!;
      for (const link of title.links()) {
        const host = hostOf(title.originalSlice(link.start, link.end).slice(0, MAX_LINK_LENGTH));
        if (host === null || !this.isOrganisations(host)) findings.push(this.finding(`In the title: a link to ${host ?? 'an unreadable address'}, which is not one of the organisation’s websites. ${ADVICE}`));
      }
    }
    return findings;
  }

  isOrganisations(host: string): boolean {
    return this.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  }

  private finding(message: string, start?: number, end?: number): Finding {
    return start === undefined ? { rule: this.name, severity: this.severity, message } : { rule: this.name, severity: this.severity, message, start, end };
  }
}

const ADVICE = 'Check it is safe and suitable to share; if in doubt, link to our own website instead.';
