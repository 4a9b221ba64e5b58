import { Global, Module } from '@nestjs/common';
import { DraftApprovalsRepository } from './draft-approvals.repository';
import { HandOver } from './hand-over';
import { OutboxDispatcher } from './outbox-dispatcher';
import { PlatformsModule } from './platforms/platforms.module';
import { PlatformTasksRepository } from './platform-tasks.repository';
import { PostMaterials } from './post-materials';
import { PublishAttemptsRepository } from './publish-attempts.repository';
import { PublishOutboxRepository } from './publish-outbox.repository';
import { PublishQueue } from './publish-queue';
import { PublishRunner } from './publish-runner';
import { PublishWorker } from './publish-worker';
import { PublishingController } from './publishing.controller';
import { PublishingService } from './publishing.service';
import { SandboxPostsRepository } from './sandbox-posts.repository';

/** Outbox -> BullMQ -> worker -> platform client, and the manager's actions after approval. */
@Global()
@Module({
  imports: [PlatformsModule],
  controllers: [PublishingController],
  providers: [
    HandOver,
    PublishQueue,
    OutboxDispatcher,
    PublishRunner,
    PublishWorker,
    PostMaterials,
    PublishingService,
    DraftApprovalsRepository,
    PublishOutboxRepository,
    PublishAttemptsRepository,
    PlatformTasksRepository,
    SandboxPostsRepository,
  ],
  exports: [HandOver, OutboxDispatcher, PublishQueue, PublishingService, DraftApprovalsRepository, PublishOutboxRepository, PublishAttemptsRepository],
})
export class PublishingModule {}
