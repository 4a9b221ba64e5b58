import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { AccountClosingHooks } from './account-closing-hooks';
import { AccountOffboarding } from './account-offboarding';
import { AccountRules } from './account-rules';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { CredentialVault } from './vault/credential-vault';
import { StaffModule } from '../staff/staff.module';

/** Global so drafts, approvals, publishing and offboarding can use accounts without import cycles. */
@Global()
@Module({
  imports: [StaffModule],
  controllers: [AccountsController],
  providers: [AccountsService, AccountRules, AccountsRepository, CredentialVault, AccountClosingHooks, AccountOffboarding],
  exports: [AccountsService, AccountsRepository, CredentialVault, AccountClosingHooks, AccountOffboarding],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: AccountRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
