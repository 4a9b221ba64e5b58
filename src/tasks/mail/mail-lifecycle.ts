import { InvalidStateError } from '../../common/errors/generic-errors';
import { Lifecycle } from '../../common/lifecycle/lifecycle';
import { MailOutbox, MailStatus } from './mail-outbox.entity';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailAction = 'send' | 'fail';

/** An outbox row: waiting (and retried while it waits), then sent, or given up. Sent and given up are final. */
export const MAIL_LIFECYCLE = new Lifecycle<MailStatus, MailAction, MailOutbox>({
  subjectType: 'mail',
  entity: MailOutbox,
  states: MAIL_STATUSES,
  initial: 'pending',
  happenedNames: { send: 'sent', fail: 'failed' },
  transitions: [
    { from: 'pending', action: 'send', to: 'sent' },
    { from: 'pending', action: 'fail', to: 'failed' },
  ],
  refusal: (from, action) => new InvalidStateError(`A mail that is ${from} cannot be ${action === 'send' ? 'sent' : 'given up'}.`, { status: from, action }),
});

/** The states a dispatcher picks rows up in: those a send may leave. */
export const MAIL_DUE_STATES: MailStatus[] = MAIL_LIFECYCLE.statesAllowing('send');
