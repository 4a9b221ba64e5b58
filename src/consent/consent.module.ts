import { Module } from '@nestjs/common';
import { DraftHistory } from '../drafts/draft-history';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';

/** DraftHistory is stateless, so this module holds its own rather than importing drafts (which imports this). */
@Module({
  controllers: [ConsentController],
  providers: [ConsentService, DraftHistory],
  exports: [ConsentService],
})
export class ConsentModule {}
