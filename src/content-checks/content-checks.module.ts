import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { ContentCheckRunner } from './content-check-runner';
import { ContentChecker } from './content-checker';
import { ContentChecksController } from './content-checks.controller';
import { ContentChecksService } from './content-checks.service';
import { ContentRuleListsSource } from './content-rule-lists';
import { ContentRulesController } from './content-rules.controller';
import { PlatformsController } from './platforms.controller';
import { DEFAULT_POLICY_CONFIG_DIR, POLICY_CONFIG_DIR, PolicyWordLists } from './policy-word-lists';
import { ContentRulesRepository } from './rules-store/content-rules.repository';
import { ContentRulesService } from './rules-store/content-rules.service';
import { ContentRulesStore } from './rules-store/content-rules-store';
import { ContentRulesRules } from './rules-store/content-rules-rules';

/** Global so drafts and approvals can run the checker on each revision. */
@Global()
@Module({
  controllers: [ContentChecksController, ContentRulesController, PlatformsController],
  providers: [
    { provide: POLICY_CONFIG_DIR, useValue: DEFAULT_POLICY_CONFIG_DIR },
    PolicyWordLists,
    ContentRulesRepository,
    ContentRulesStore,
    { provide: ContentRuleListsSource, useExisting: ContentRulesStore },
    ContentChecker,
    ContentCheckRunner,
    ContentChecksService,
    ContentRulesService,
    ContentRulesRules,
  ],
  exports: [ContentChecker, ContentCheckRunner, PolicyWordLists],
})
export class ContentChecksModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: ContentRulesRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
