import { Permission } from '../../auth/permissions';
import { managerDraftTask } from './manager-draft-task';

/** A held post (its author left, or a refusal came after approval) waits for a manager to confirm it again. */
export const confirmPost = managerDraftTask('confirm_post', 'held', Permission.DraftConfirm, (account) => `Confirm a held post for ${account}`);
