import { InvalidStateError } from '../common/errors/generic-errors';
import { AccountClosedError } from './accounts-errors';
import { StateMachine } from '../common/lifecycle/state-machine';

export const ACCOUNT_STATUSES = ['pending_dpia', 'active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type AccountAction = 'activate' | 'suspend' | 'close';

/** pending_dpia -> active -> suspended -> active | closed; closing is possible from anywhere and final. */
export const ACCOUNT_LIFECYCLE = new StateMachine<AccountStatus, AccountAction>(
  'account',
  ACCOUNT_STATUSES,
  'pending_dpia',
  [
    { from: 'pending_dpia', action: 'activate', to: 'active' },
    { from: 'active', action: 'suspend', to: 'suspended' },
    { from: 'suspended', action: 'activate', to: 'active' },
    { from: 'pending_dpia', action: 'close', to: 'closed' },
    { from: 'active', action: 'close', to: 'closed' },
    { from: 'suspended', action: 'close', to: 'closed' },
  ],
  (from, action) => (from === 'closed' ? new AccountClosedError() : new InvalidStateError(`An account that is ${from.replace('_', ' ')} cannot ${action}.`, { status: from, action })),
);
