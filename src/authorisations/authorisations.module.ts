import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { StaffModule } from '../staff/staff.module';
import { AuthorisationRules } from './authorisation-rules';
import { AuthorisationsController } from './authorisations.controller';
import { AuthorisationsRepository } from './authorisations.repository';
import { AuthorisationsService } from './authorisations.service';

/** Global so accounts, drafts and offboarding can ask "is this person authorised?" without import cycles. */
@Global()
@Module({
  imports: [StaffModule],
  controllers: [AuthorisationsController],
  providers: [AuthorisationsService, AuthorisationsRepository, AuthorisationRules],
  exports: [AuthorisationsService, AuthorisationsRepository],
})
export class AuthorisationsModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: AuthorisationRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
