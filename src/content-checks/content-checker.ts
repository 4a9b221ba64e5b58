import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { checkContent, contentRules } from './check-content';
import { ContentRuleLists, ContentRuleListsSource } from './content-rule-lists';
import { ContentRule } from './content-rule';
import { ContentUnderCheck, Finding } from './finding';

export { contentRules } from './check-content';

/**
 * Checks a post's content against every rule, on the calling thread. Pure: it stores nothing and calls nothing
 * outside the process. The rules follow the lists in force (they change while the app runs). Requests go through
 * ContentCheckRunner, which sends long texts to a worker thread instead.
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
    return checkContent(this.rules(), content);
  }

  private rules(): readonly ContentRule[] {
    const lists = this.source.current();
    if (this.compiled?.lists !== lists) this.compiled = { lists, rules: contentRules(lists, this.clock) };
    return this.compiled.rules;
  }
}
