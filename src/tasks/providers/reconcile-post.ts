import { Permission } from '../../auth/permissions';
import { managerDraftTask } from './manager-draft-task';

/** The platform's answer was lost: someone must check whether the post went out. */
export const reconcilePost = managerDraftTask('reconcile_post', 'unconfirmed', Permission.DraftReconcile, (account) => `Check whether a post to ${account} went out`);
