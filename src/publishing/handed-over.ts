import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';

/**
 * The states of a draft whose revision is handed over to publishing: waiting for its time, or on its way.
 * A job for it may run; the sweep looks for its job.
 */
export const HANDED_OVER_STATES = [...DRAFT_LIFECYCLE.statesAllowing('start_publishing'), ...DRAFT_LIFECYCLE.statesAllowing('mark_unconfirmed')];
