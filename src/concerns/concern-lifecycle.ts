import { Lifecycle } from '../common/lifecycle/lifecycle';
import { InvalidStateError } from '../common/errors/generic-errors';
import { Concern } from './concern.entity';

export const CONCERN_STATES = ['open', 'investigating', 'resolved'] as const;
export type ConcernStatus = (typeof CONCERN_STATES)[number];
export type ConcernAction = 'add_note' | 'assign' | 'seek_hr_advice' | 'decide_breach' | 'resolve';

const WORDS: Record<ConcernAction, string> = {
  add_note: 'take a note',
  assign: 'be assigned',
  seek_hr_advice: 'record HR advice',
  decide_breach: 'have its breach decided',
  resolve: 'be resolved',
};

const INVESTIGATING: ConcernAction[] = ['add_note', 'assign', 'seek_hr_advice', 'decide_breach'];

/**
 * Any step of the investigation moves an open concern to investigating; a resolved concern is final,
 * so its record cannot change after the outcome was given. A concern may be resolved straight from open
 * (e.g. a duplicate report).
 */
export const CONCERN_LIFECYCLE = new Lifecycle<ConcernStatus, ConcernAction, Concern>({
  subjectType: 'concern',
  entity: Concern,
  states: CONCERN_STATES,
  initial: 'open',
  happenedNames: {
    add_note: 'note_added',
    assign: 'assigned',
    seek_hr_advice: 'hr_advice_sought',
    decide_breach: 'breach_decided',
    resolve: 'resolved',
  },
  transitions: [
    ...INVESTIGATING.map((action) => ({ from: 'open' as const, action, to: 'investigating' as const })),
    ...INVESTIGATING.map((action) => ({ from: 'investigating' as const, action, to: 'investigating' as const })),
    { from: 'open', action: 'resolve', to: 'resolved' },
    { from: 'investigating', action: 'resolve', to: 'resolved' },
  ],
  refusal: (from, action) => new InvalidStateError(`A concern that is ${from} cannot ${WORDS[action]}.`, { status: from, action }),
});
