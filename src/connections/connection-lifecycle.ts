import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { CONNECTION_STATUSES, Connection, ConnectionStatus } from './connection.entity';

export type ConnectionAction = 'authorise' | 'fail' | 'use' | 'expire';

/** pending -> authorised | failed | expired; authorised -> used | expired. Used, failed and expired are final. */
export const CONNECTION_LIFECYCLE = new Lifecycle<ConnectionStatus, ConnectionAction, Connection>({
  subjectType: 'connection',
  entity: Connection,
  states: CONNECTION_STATUSES,
  initial: 'pending',
  happenedNames: { authorise: 'authorised', fail: 'failed', use: 'used', expire: 'expired' },
  transitions: [
    { from: 'pending', action: 'authorise', to: 'authorised' },
    { from: 'pending', action: 'fail', to: 'failed' },
    { from: 'pending', action: 'expire', to: 'expired' },
    { from: 'authorised', action: 'use', to: 'used' },
    { from: 'authorised', action: 'expire', to: 'expired' },
  ],
  refusal: (from) => new InvalidStateError(`This connection is ${from}; ${from === 'used' ? 'each connection is used once' : 'sign in to the platform again'}.`, { status: from }),
});
