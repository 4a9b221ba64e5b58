import { Global, Module } from '@nestjs/common';
import { AccountAccess } from './account-access';
import { AccountClosingHooks } from './account-closing-hooks';
import { AccountOffboarding } from './account-offboarding';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { CredentialVault } from './vault/credential-vault';

/** Global so drafts, approvals, publishing and offboarding can use accounts without import cycles. */
@Global()
@Module({
  controllers: [AccountsController],
  providers: [AccountsService, AccountAccess, CredentialVault, AccountClosingHooks, AccountOffboarding],
  exports: [AccountsService, AccountAccess, CredentialVault, AccountClosingHooks, AccountOffboarding],
})
export class AccountsModule {}
