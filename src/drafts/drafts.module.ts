import { Global, Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { DraftAccess } from './draft-access';
import { DraftChecks } from './draft-checks';
import { DraftHistory } from './draft-history';
import { DraftMediaFiles } from './draft-media-files';
import { DraftMediaUsable } from './draft-media-usable';
import { DraftViews } from './draft-views';
import { DraftsController } from './drafts.controller';
import { DraftsService } from './drafts.service';

/** Global so approvals and publishing can lock, move and show drafts through the same pieces. */
@Global()
@Module({
  imports: [ConsentModule],
  controllers: [DraftsController],
  providers: [DraftsService, DraftAccess, DraftViews, DraftHistory, DraftChecks, DraftMediaFiles, DraftMediaUsable],
  exports: [DraftsService, DraftAccess, DraftViews, DraftHistory, DraftChecks, ConsentModule],
})
export class DraftsModule {}
