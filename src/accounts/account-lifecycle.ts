import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { Account } from './account.entity';
import { AccountClosedError } from './accounts-errors';

export const ACCOUNT_STATUSES = ['pending_dpia', 'active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type AccountAction = 'activate' | 'suspend' | 'close';

/** pending_dpia -> active -> suspended -> active | closed; closing is possible from anywhere and final. */
export const ACCOUNT_LIFECYCLE = new Lifecycle<AccountStatus, AccountAction, Account>({
  subjectType: 'account',
  entity: Account,
  states: ACCOUNT_STATUSES,
  initial: 'pending_dpia',
  happenedNames: { activate: 'activated', suspend: 'suspended', close: 'closed' },
  transitions: [
    { from: 'pending_dpia', action: 'activate', to: 'active' },
    { from: 'active', action: 'suspend', to: 'suspended' },
    { from: 'suspended', action: 'activate', to: 'active' },
    { from: 'pending_dpia', action: 'close', to: 'closed' },
    { from: 'active', action: 'close', to: 'closed' },
    { from: 'suspended', action: 'close', to: 'closed' },
  ],
  refusal: (from, action) => (from === 'closed' ? new AccountClosedError() : new InvalidStateError(`An account that is ${from.replace('_', ' ')} cannot ${action}.`, { status: from, action })),
});

/** Whether anything may still be done to the account: every change but removing a platform admin needs it open. */
export const isOpen = (account: { status: AccountStatus }): boolean => !ACCOUNT_LIFECYCLE.isFinal(account.status);

/** Open accounts, for queries that skip closed ones. */
export const OPEN_ACCOUNT_STATUSES: AccountStatus[] = ACCOUNT_STATUSES.filter((status) => !ACCOUNT_LIFECYCLE.isFinal(status));

/** API.md section 6: active, a DPIA in force and, when live, credentials present and not known invalid. */
export function accountPublishable(account: Account, dpiaInForce: boolean): boolean {
  if (!ACCOUNT_LIFECYCLE.is(account, 'active') || !dpiaInForce) return false;
  return account.mode === 'sandbox' || (account.hasCredentials && !account.credentialsInvalid);
}
