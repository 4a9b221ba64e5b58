import { Global, Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { AuthorisationsController } from './authorisations.controller';
import { AuthorisationsRepository } from './authorisations.repository';
import { AuthorisationsService } from './authorisations.service';

/** Global so accounts, drafts and offboarding can ask "is this person authorised?" without import cycles. */
@Global()
@Module({
  imports: [StaffModule],
  controllers: [AuthorisationsController],
  providers: [AuthorisationsService, AuthorisationsRepository],
  exports: [AuthorisationsService, AuthorisationsRepository],
})
export class AuthorisationsModule {}
