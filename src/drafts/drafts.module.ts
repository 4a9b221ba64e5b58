import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { ConsentModule } from '../consent/consent.module';
import { StaffModule } from '../staff/staff.module';
import { DraftChecks } from './draft-checks';
import { DraftMediaFiles } from './draft-media-files';
import { DraftMediaUsable } from './draft-media-usable';
import { DraftRuleFacts } from './draft-rule-facts';
import { DraftRules } from './draft-rules';
import { DraftViews } from './draft-views';
import { DraftsController } from './drafts.controller';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';

/** Global so approvals and publishing can lock, move and show drafts through the same pieces. */
@Global()
@Module({
  imports: [ConsentModule, StaffModule],
  controllers: [DraftsController],
  providers: [DraftsService, DraftsRepository, DraftViews, DraftChecks, DraftMediaFiles, DraftMediaUsable, DraftRules, DraftRuleFacts],
  exports: [DraftsService, DraftsRepository, DraftViews, DraftChecks, DraftRules, ConsentModule],
})
export class DraftsModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: DraftRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
