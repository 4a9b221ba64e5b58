import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, hasRole } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { ResourceRules } from '../common/access/resource-rules';
import { DomainError } from '../common/errors/domain-error';
import { ForbiddenError, ValidationFailedError } from '../common/errors/generic-errors';
import { DpiaService, DpiaSummary } from '../dpia/dpia.service';
import { ACCOUNT_LIFECYCLE, isOpen } from './account-lifecycle';
import { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import { CredentialsMissingError, DpiaNotApprovedError } from './accounts-errors';

export const ACCOUNT_ACTIONS = [
  'edit',
  'set_credentials',
  'reconnect',
  'check_credentials',
  'add_platform_admin',
  'remove_platform_admin',
  'activate',
  'suspend',
  'close',
  'authorise',
] as const;
export type AccountRuleAction = (typeof ACCOUNT_ACTIONS)[number];
/** Reads decided by the rules but not offered as actions: reading is not something a caller does to the account. */
export type AccountRuleRead = 'read_sandbox_posts';

export interface AccountFacts {
  /** The accounts the caller is authorised on now; null for managers and admins, who need no authorisation to see or read one. */
  authorised: Set<string> | null;
  /** The accounts among the rows with a DPIA in force. */
  dpiaInForce: Set<string>;
  /** Each row's DPIA summary, which the account's view shows. */
  dpias: Map<string, DpiaSummary>;
}

/** Managers, admins and the DPO see every account; other staff only those they are authorised on now. */
export const seesAllAccounts = (caller: Caller): boolean => hasRole(caller, 'admin', 'manager', 'dpo');
/** Managers and admins read every account's sandbox posts; the DPO sees every account but reads only those they are authorised on. */
const readsAllAccounts = (caller: Caller): boolean => hasRole(caller, 'admin', 'manager');

const SANDBOX = (field: string) => new ValidationFailedError('A sandbox account publishes nowhere and needs no connection.', [{ field, problems: ['cannot be used on a sandbox account'] }]);

/** What may be done to an account (API.md section 6), for both the service's check and `allowedActions`. */
@Injectable()
export class AccountRules implements ResourceRules<Account, AccountRuleAction, AccountFacts, AccountRuleRead> {
  readonly type = 'account';
  readonly actions = {
    edit: Permission.AccountUpdate,
    set_credentials: Permission.AccountCredentials,
    reconnect: Permission.AccountReconnect,
    check_credentials: Permission.AccountCredentialsCheck,
    add_platform_admin: Permission.AccountPlatformAdmins,
    remove_platform_admin: Permission.AccountPlatformAdminRemove,
    activate: Permission.AccountStatus,
    suspend: Permission.AccountSuspend,
    close: Permission.AccountClose,
    authorise: Permission.AuthorisationGrant,
  } as const;
  readonly reads = { read_sandbox_posts: Permission.AccountSandboxPostsRead } as const;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly authorisations: AuthorisationsService,
    private readonly dpias: DpiaService,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Account | null> {
    return options.forUpdate ? this.accounts.findForUpdate(id, manager) : this.accounts.find(id, manager);
  }

  async facts(manager: EntityManager, caller: Caller, rows: Account[]): Promise<AccountFacts> {
    const ids = rows.map((row) => row.id);
    const authorised = readsAllAccounts(caller) ? null : new Set(await this.authorisations.authorisedAccountIds(manager, caller.staffId));
    const summaries = await this.dpias.summaries(manager, ids);
    return { authorised, dpiaInForce: new Set(ids.filter((id) => summaries.get(id)?.inForce)), dpias: summaries };
  }

  visible(caller: Caller, row: Account, facts: AccountFacts): boolean {
    return seesAllAccounts(caller) || (facts.authorised?.has(row.id) ?? false);
  }

  refusal(_caller: Caller, action: AccountRuleAction | AccountRuleRead, account: Account, facts: AccountFacts): DomainError | null {
    switch (action) {
      // API.md section 11: seeing the account is not enough (a DPO sees them all).
      case 'read_sandbox_posts':
        return facts.authorised === null || facts.authorised.has(account.id) ? null : new ForbiddenError('Sandbox posts are for managers, admins and staff authorised on the account.');
      // The roster records who still holds a platform role, so it may be corrected even once closed.
      case 'remove_platform_admin':
        return null;
      case 'activate':
        if (!ACCOUNT_LIFECYCLE.can(account.status, 'activate')) return ACCOUNT_LIFECYCLE.refusal(account.status, 'activate');
        if (!facts.dpiaInForce.has(account.id)) return new DpiaNotApprovedError();
        if (account.mode === 'live' && !account.hasCredentials) return new CredentialsMissingError();
        return null;
      case 'suspend':
      case 'close':
        return ACCOUNT_LIFECYCLE.can(account.status, action) ? null : ACCOUNT_LIFECYCLE.refusal(account.status, action);
      default:
        if (!isOpen(account)) return ACCOUNT_LIFECYCLE.refusal(account.status, 'close');
        if (action === 'reconnect' && account.mode === 'sandbox') return SANDBOX('connectionId');
        if (action === 'check_credentials' && account.mode === 'sandbox') return new ValidationFailedError('A sandbox account holds no platform credentials to check.');
        if (action === 'check_credentials' && !account.hasCredentials) return new CredentialsMissingError();
        return null;
    }
  }
}
