import { Module } from '@nestjs/common';
import { ConsentController } from './consent.controller';
import { ConsentRequestsRepository } from './consent-requests.repository';
import { ConsentService } from './consent.service';

/** Consent decisions reach the draft's history through WritePath (global), so nothing of drafts is imported here. */
@Module({
  controllers: [ConsentController],
  providers: [ConsentService, ConsentRequestsRepository],
  exports: [ConsentService],
})
export class ConsentModule {}
