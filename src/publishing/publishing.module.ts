import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { HandOver } from './hand-over';
import { InterimDraftRules } from './interim-draft-rules';
import { OutboxDispatcher } from './outbox-dispatcher';
import { PlatformsModule } from './platforms/platforms.module';
import { PostMaterials } from './post-materials';
import { PublishQueue } from './publish-queue';
import { PublishRunner } from './publish-runner';
import { PublishWorker } from './publish-worker';
import { PublishingController } from './publishing.controller';
import { PublishingService } from './publishing.service';

/** Outbox -> BullMQ -> worker -> platform client, and the manager's actions after approval. */
@Global()
@Module({
  imports: [PlatformsModule],
  controllers: [PublishingController],
  providers: [HandOver, PublishQueue, OutboxDispatcher, PublishRunner, PublishWorker, PostMaterials, PublishingService, InterimDraftRules],
  exports: [HandOver, OutboxDispatcher, PublishQueue, PublishingService],
})
export class PublishingModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly interimDraftRules: InterimDraftRules,
  ) {}

  onModuleInit(): void {
    // INTERIM: goes when src/drafts/draft-rules.ts registers the draft rules.
    this.access.register(this.interimDraftRules);
  }
}
