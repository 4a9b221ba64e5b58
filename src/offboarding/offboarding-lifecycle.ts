import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { Offboarding, OffboardingStatus } from './offboarding.entity';
import { OffboardingTask, OffboardingTaskStatus } from './offboarding-task.entity';

export const OFFBOARDING_STATES: readonly OffboardingStatus[] = ['scheduled', 'completed', 'cancelled'];
export type OffboardingAction = 'complete' | 'cancel';

/** A leave waits for its instant (or applies at once); once applied or cancelled it is the record auditors read. */
export const OFFBOARDING_LIFECYCLE = new Lifecycle<OffboardingStatus, OffboardingAction, Offboarding>({
  subjectType: 'offboarding',
  entity: Offboarding,
  states: OFFBOARDING_STATES,
  initial: 'scheduled',
  happenedNames: { complete: 'completed', cancel: 'cancelled' },
  transitions: [
    { from: 'scheduled', action: 'complete', to: 'completed' },
    { from: 'scheduled', action: 'cancel', to: 'cancelled' },
  ],
  refusal: (from, action) => new InvalidStateError(`A leave that is ${from} cannot be ${action === 'complete' ? 'applied' : 'cancelled'}.`, { status: from, action }),
});

export type OffboardingTaskAction = 'complete';

/** A platform role someone must remove by hand: open until they say it is done. */
/** Leaves that happened or will: a cancelled one has nothing to report. */
export const LEAVES_IN_EFFECT: OffboardingStatus[] = ['scheduled', 'completed'];

export const OFFBOARDING_TASK_LIFECYCLE = new Lifecycle<OffboardingTaskStatus, OffboardingTaskAction, OffboardingTask>({
  subjectType: 'offboarding_task',
  entity: OffboardingTask,
  states: ['open', 'done'],
  initial: 'open',
  happenedNames: { complete: 'completed' },
  transitions: [{ from: 'open', action: 'complete', to: 'done' }],
  refusal: (from, action) => new InvalidStateError('This task is already done.', { status: from, action }),
});
