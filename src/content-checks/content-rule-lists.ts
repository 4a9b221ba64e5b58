import { ProtectedNameList } from './rules/protected-name.rule';

/** The organisation's own lists the content rules read; edited by managers (API.md section 18). */
export interface ContentRuleLists {
  /** Goes up with every change, so compiled rules are rebuilt only when something changed. */
  version: number;
  prohibitedTerms: readonly string[];
  protectedNames: ProtectedNameList;
  orgDomains: readonly string[];
}

/** Where the checker gets the lists in force now; read on every check, so it must answer from memory. */
export abstract class ContentRuleListsSource {
  abstract current(): ContentRuleLists;
}

/** Fixed lists: for tests and the bench. */
export class FixedContentRuleLists extends ContentRuleListsSource {
  private readonly lists: ContentRuleLists;

  constructor(lists: Omit<ContentRuleLists, 'version'> & { version?: number }) {
    super();
    this.lists = { version: 1, ...lists };
  }

  current(): ContentRuleLists {
    return this.lists;
  }
}
