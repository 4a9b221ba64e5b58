import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { PublishingModule } from '../publishing/publishing.module';
import { StaffModule } from '../staff/staff.module';
import { ConcernRules } from './concern-rules';
import { ConcernsRepository } from './concerns.repository';
import { ConcernsController } from './concerns.controller';
import { ConcernsService } from './concerns.service';
import { RemovalRequestsController } from './removal-requests.controller';
import { RemovalRequestsRepository } from './removal-requests.repository';
import { RemovalRequestsService } from './removal-requests.service';

@Module({
  imports: [ConsentModule, PublishingModule, StaffModule],
  controllers: [ConcernsController, RemovalRequestsController],
  providers: [ConcernsService, ConcernRules, ConcernsRepository, RemovalRequestsService, RemovalRequestsRepository],
  exports: [ConcernsService],
})
export class ConcernsModule {}
