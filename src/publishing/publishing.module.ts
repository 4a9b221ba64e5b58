import { Global, Module } from '@nestjs/common';
import { HandOver } from './hand-over';
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
  providers: [HandOver, PublishQueue, OutboxDispatcher, PublishRunner, PublishWorker, PostMaterials, PublishingService],
  exports: [HandOver, OutboxDispatcher, PublishQueue, PublishingService],
})
export class PublishingModule {}
