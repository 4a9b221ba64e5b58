import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { AuthorisationRules } from './authorisation-rules';
import { AuthorisationsController } from './authorisations.controller';
import { AuthorisationsService } from './authorisations.service';

/** Global so accounts, drafts and offboarding can ask "is this person authorised?" without import cycles. */
@Global()
@Module({
  controllers: [AuthorisationsController],
  providers: [AuthorisationsService, AuthorisationRules],
  exports: [AuthorisationsService],
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
