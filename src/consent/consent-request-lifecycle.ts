import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { ConsentRequest, ConsentStatus } from './consent-request.entity';

export const CONSENT_REQUEST_STATUSES = ['pending', 'granted', 'refused'] as const;
export type ConsentRequestAction = 'grant' | 'refuse';

/**
 * A colleague's consent to one image of them: asked (pending), then given or refused, and changed at will
 * (deciding again the same way is allowed: the colleague confirms). A photo refused elsewhere arrives
 * pending and is refused at once.
 */
export const CONSENT_REQUEST_LIFECYCLE = new Lifecycle<ConsentStatus, ConsentRequestAction, ConsentRequest>({
  subjectType: 'consent_request',
  entity: ConsentRequest,
  states: CONSENT_REQUEST_STATUSES,
  initial: 'pending',
  happenedNames: { grant: 'granted', refuse: 'refused' },
  transitions: CONSENT_REQUEST_STATUSES.flatMap((from) => [
    { from, action: 'grant' as const, to: 'granted' as const },
    { from, action: 'refuse' as const, to: 'refused' as const },
  ]),
  refusal: (from, action) => new InvalidStateError(`A consent request that is ${from} cannot be ${action === 'grant' ? 'granted' : 'refused'}.`, { status: from, action }),
});

/** The decision a colleague gives, as the action that records it. */
export const CONSENT_ACTION_OF: Record<Exclude<ConsentStatus, 'pending'>, ConsentRequestAction> = { granted: 'grant', refused: 'refuse' };

/** What still stands in a draft's way: requests not yet answered, and refusals. */
export const CONSENT_OUTSTANDING: ConsentStatus[] = CONSENT_REQUEST_STATUSES.filter((status) => !CONSENT_REQUEST_LIFECYCLE.is(status, 'granted'));
