import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ContentRuleLists, ContentRuleListsSource } from './content-rule-lists';
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

/** Every content rule of API.md section 9, built from the organisation's lists. */
export function contentRules(lists: ContentRuleLists, clock: Clock): ContentRule[] {
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
 * Checks a post's content against every rule. Pure: it stores nothing and calls nothing outside the process,
 * so drafts can run it on each revision and the check endpoint on demand. The rules follow the lists in
 * force (they change while the app runs); each text is normalised once and read by every rule.
 */
@Injectable()
export class ContentChecker {
  private compiled: { lists: ContentRuleLists; rules: readonly ContentRule[] } | null = null;

  constructor(
    private readonly source: ContentRuleListsSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The findings, blocking ones first; within each severity, whole-post findings (no offsets) first,
   * then in text order. Empty when nothing is wrong.
   */
  check(content: ContentUnderCheck): Finding[] {
    const prepared = prepare(content);
    const findings = this.rules().flatMap((rule) => rule.check(content, prepared));
    const rank = (finding: Finding) => (finding.severity === 'block' ? 0 : 1);
    // Array.prototype.sort is stable: equal findings keep the rules' order.
    return findings.sort((a, b) => rank(a) - rank(b) || (a.start ?? -1) - (b.start ?? -1));
  }

  private rules(): readonly ContentRule[] {
    const lists = this.source.current();
    if (this.compiled?.lists !== lists) this.compiled = { lists, rules: contentRules(lists, this.clock) };
    return this.compiled.rules;
  }
}
