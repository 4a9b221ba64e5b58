import { Permission } from '../../auth/permissions';
import { triageConcernTasks } from '../../concerns/concern-tasks';
import { concernTask } from './concern-task-provider';

/** Safeguarding leads on concerns involving people the service supports; managers on open concerns. */
export const triageConcern = concernTask('triage_concern', Permission.ConcernInvestigate, (manager, caller) => triageConcernTasks(manager, caller));
