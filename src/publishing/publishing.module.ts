import { Global, Module } from '@nestjs/common';
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
  providers: [PublishQueue, OutboxDispatcher, PublishRunner, PublishWorker, PostMaterials, PublishingService],
  exports: [OutboxDispatcher, PublishQueue, PublishingService],
})
export class PublishingModule {}
