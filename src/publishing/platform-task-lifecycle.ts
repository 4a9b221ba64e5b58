import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { PlatformTask } from './platform-task.entity';

export const PLATFORM_TASK_STATUSES = ['open', 'done'] as const;
export type PlatformTaskStatus = (typeof PLATFORM_TASK_STATUSES)[number];
export type PlatformTaskAction = 'complete';

/** Work a person does on the platform itself: opened by a refused take-down, done once they say so. */
export const PLATFORM_TASK_LIFECYCLE = new Lifecycle<PlatformTaskStatus, PlatformTaskAction, PlatformTask>({
  subjectType: 'platform_task',
  entity: PlatformTask,
  states: PLATFORM_TASK_STATUSES,
  initial: 'open',
  happenedNames: { complete: 'completed' },
  transitions: [{ from: 'open', action: 'complete', to: 'done' }],
  refusal: (from) => new InvalidStateError(`A platform task that is ${from} cannot be completed.`, { status: from, action: 'complete' }),
});
