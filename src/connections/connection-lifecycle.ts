import { InvalidStateError } from '../common/errors/generic-errors';
import { StateMachine } from '../common/lifecycle/state-machine';
import { CONNECTION_STATUSES, ConnectionStatus } from './connection.entity';

export type ConnectionAction = 'authorise' | 'fail' | 'use' | 'expire';

/** pending -> authorised | failed | expired; authorised -> used | expired. Used, failed and expired are final. */
export const CONNECTION_LIFECYCLE = new StateMachine<ConnectionStatus, ConnectionAction>(
  'connection',
  CONNECTION_STATUSES,
  'pending',
  [
    { from: 'pending', action: 'authorise', to: 'authorised' },
    { from: 'pending', action: 'fail', to: 'failed' },
    { from: 'pending', action: 'expire', to: 'expired' },
    { from: 'authorised', action: 'use', to: 'used' },
    { from: 'authorised', action: 'expire', to: 'expired' },
  ],
  (from) => new InvalidStateError(`This connection is ${from}; ${from === 'used' ? 'each connection is used once' : 'sign in to the platform again'}.`, { status: from }),
);
