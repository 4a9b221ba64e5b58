import { Global, Module } from '@nestjs/common';
import { AuthorisationsController } from './authorisations.controller';
import { AuthorisationsService } from './authorisations.service';

/** Global so accounts, drafts and offboarding can ask "is this person authorised?" without import cycles. */
@Global()
@Module({
  controllers: [AuthorisationsController],
  providers: [AuthorisationsService],
  exports: [AuthorisationsService],
})
export class AuthorisationsModule {}
