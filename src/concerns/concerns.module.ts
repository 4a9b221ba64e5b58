import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ConcernsController } from './concerns.controller';
import { ConcernsService } from './concerns.service';
import { RemovalRequestsController } from './removal-requests.controller';
import { RemovalRequestsService } from './removal-requests.service';

@Module({
  imports: [ConsentModule, PublishingModule],
  controllers: [ConcernsController, RemovalRequestsController],
  providers: [ConcernsService, RemovalRequestsService],
  exports: [ConcernsService],
})
export class ConcernsModule {}
