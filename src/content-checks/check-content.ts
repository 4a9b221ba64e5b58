import { ContentRuleLists } from './content-rule-lists';
import { ContentRule, prepare } from './content-rule';
import { ContentUnderCheck, Finding } from './finding';
import { DateOfBirthRule } from './rules/date-of-birth.rule';
import { EmailAddressRule } from './rules/email-address.rule';
import { LinkDomainRule } from './rules/link-domain.rule';
import { NhsNumberRule } from './rules/nhs-number.rule';
import { PhoneNumberRule } from './rules/phone-number.rule';
import { PlatformLimitRule } from './rules/platform-limit.rule';
import { PostcodeRule } from './rules/postcode.rule';
import { ProhibitedTermRule } from './rules/prohibited-term.rule';
import { ProtectedNameRule } from './rules/protected-name.rule';
import { RightsUndeclaredRule } from './rules/rights-undeclared.rule';
import { ServiceUserImageRule } from './rules/service-user-image.rule';

// The checker's core, free of Nest and of anything outside this folder, so the content-check worker thread
// loads it alone (and can load it from the TypeScript sources under the tests).

/** Every content rule of API.md section 9, built from the organisation's lists. */
export function contentRules(lists: ContentRuleLists, clock: { now(): Date }): ContentRule[] {
  return [
    new PlatformLimitRule(),
    new NhsNumberRule(),
    new DateOfBirthRule(() => clock.now()),
    new EmailAddressRule(),
    new PhoneNumberRule(),
    new PostcodeRule(),
    new ProhibitedTermRule(lists.prohibitedTerms),
    new ProtectedNameRule(lists.protectedNames),
    new LinkDomainRule(lists.orgDomains),
    new ServiceUserImageRule(),
    new RightsUndeclaredRule(),
  ];
}

/**
 * The findings of every rule, blocking ones first; within each severity, whole-post findings (no offsets)
 * first, then in text order. Each text is normalised once and read by every rule.
 */
export function checkContent(rules: readonly ContentRule[], content: ContentUnderCheck): Finding[] {
  const prepared = prepare(content);
  const findings = rules.flatMap((rule) => rule.check(content, prepared));
  const rank = (finding: Finding) => (finding.severity === 'block' ? 0 : 1);
  // Array.prototype.sort is stable: equal findings keep the rules' order.
  return findings.sort((a, b) => rank(a) - rank(b) || (a.start ?? -1) - (b.start ?? -1));
}

/** How much text a check reads: the text, the title, the link and every alt text. */
export function checkedLength(content: ContentUnderCheck): number {
  return content.text.length + (content.title?.length ?? 0) + (content.link?.length ?? 0) + content.media.reduce((sum, item) => sum + (item.altText?.length ?? 0), 0);
}
