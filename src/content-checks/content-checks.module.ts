import { Global, Module } from '@nestjs/common';
import { ContentChecker } from './content-checker';
import { ContentChecksController } from './content-checks.controller';
import { ContentChecksService } from './content-checks.service';
import { DEFAULT_POLICY_CONFIG_DIR, POLICY_CONFIG_DIR, PolicyWordLists } from './policy-word-lists';

/** Global so drafts and approvals can run the checker on each revision. */
@Global()
@Module({
  controllers: [ContentChecksController],
  providers: [{ provide: POLICY_CONFIG_DIR, useValue: DEFAULT_POLICY_CONFIG_DIR }, PolicyWordLists, ContentChecker, ContentChecksService],
  exports: [ContentChecker, PolicyWordLists],
})
export class ContentChecksModule {}
