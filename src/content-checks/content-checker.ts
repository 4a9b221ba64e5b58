import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ContentRule } from './content-rule';
import { ContentUnderCheck, Finding } from './finding';
import { PolicyWordLists } from './policy-word-lists';
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

/** Every content rule of API.md section 9, built from the organisation's lists and settings. */
export function contentRules(lists: PolicyWordLists, orgDomains: readonly string[], clock: Clock): ContentRule[] {
  return [
    new PlatformLimitRule(),
    new NhsNumberRule(),
    new DateOfBirthRule(() => clock.now()),
    new EmailAddressRule(),
    new PhoneNumberRule(),
    new PostcodeRule(),
    new ProhibitedTermRule(lists.prohibitedTerms),
    new ProtectedNameRule(lists.protectedNames),
    new LinkDomainRule(orgDomains),
    new ServiceUserImageRule(),
    new RightsUndeclaredRule(),
  ];
}

/**
 * Checks a post's content against every rule. Pure: it stores nothing and calls nothing outside the process,
 * so drafts can run it on each revision and the check endpoint on demand.
 */
@Injectable()
export class ContentChecker {
  private readonly rules: readonly ContentRule[];

  constructor(lists: PolicyWordLists, @Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    this.rules = contentRules(lists, config.orgDomains, clock);
  }

  /**
   * The findings, blocking ones first; within each severity, whole-post findings (no offsets) first,
   * then in text order. Empty when nothing is wrong.
   */
  check(content: ContentUnderCheck): Finding[] {
    const findings = this.rules.flatMap((rule) => rule.check(content));
    const rank = (finding: Finding) => (finding.severity === 'block' ? 0 : 1);
    // Array.prototype.sort is stable: equal findings keep the rules' order.
    return findings.sort((a, b) => rank(a) - rank(b) || (a.start ?? -1) - (b.start ?? -1));
  }
}
