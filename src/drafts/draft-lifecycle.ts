import { InvalidStateError } from '../common/errors/generic-errors';
import { Lifecycle } from '../common/lifecycle/lifecycle';
import { writeDraftEvents } from './draft-events-writer';
import { Draft } from './draft.entity';

export const DRAFT_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'rejected',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'held',
  'withdrawn',
  'taken_down',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/**
 * Approval (short of the approvals required, or enough) and confirmation lead to `scheduled` or `publishing` depending on the time, so each has
 * one action per outcome; the publishing actions are the publishing worker's.
 */
export type DraftAction =
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'request_changes'
  | 'reject'
  | 'approve_partly'
  | 'approve_scheduled'
  | 'approve_now'
  | 'confirm_scheduled'
  | 'confirm_now'
  | 'start_publishing'
  | 'hold'
  | 'mark_published'
  | 'mark_failed'
  | 'mark_unconfirmed'
  | 'take_down'
  | 'retry';

export const DRAFT_LIFECYCLE = new Lifecycle<DraftStatus, DraftAction, Draft>({
  subjectType: 'draft',
  entity: Draft,
  states: DRAFT_STATUSES,
  initial: 'draft',
  history: writeDraftEvents,
  happenedNames: {
    edit: 'edited',
    submit: 'submitted',
    withdraw: 'withdrawn',
    request_changes: 'changes_requested',
    reject: 'rejected',
    approve_partly: 'approved',
    approve_scheduled: 'approved',
    approve_now: 'approved',
    confirm_scheduled: 'confirmed',
    confirm_now: 'confirmed',
    start_publishing: 'publishing_started',
    hold: 'held',
    mark_published: 'published',
    mark_failed: 'failed',
    mark_unconfirmed: 'unconfirmed',
    take_down: 'taken_down',
    retry: 'retried',
  },
  transitions: [
    { from: 'draft', action: 'edit', to: 'draft' },
    { from: 'draft', action: 'submit', to: 'submitted' },
    { from: 'draft', action: 'withdraw', to: 'withdrawn' },

    { from: 'submitted', action: 'edit', to: 'draft' },
    { from: 'submitted', action: 'withdraw', to: 'withdrawn' },
    { from: 'submitted', action: 'request_changes', to: 'changes_requested' },
    { from: 'submitted', action: 'reject', to: 'rejected' },
    // One approval of several: recorded as `approved`, the draft waits for the next manager.
    { from: 'submitted', action: 'approve_partly', to: 'submitted' },
    { from: 'submitted', action: 'approve_scheduled', to: 'scheduled' },
    { from: 'submitted', action: 'approve_now', to: 'publishing' },

    { from: 'changes_requested', action: 'edit', to: 'draft' },
    { from: 'changes_requested', action: 'withdraw', to: 'withdrawn' },

    { from: 'scheduled', action: 'edit', to: 'draft' },
    { from: 'scheduled', action: 'withdraw', to: 'withdrawn' },
    { from: 'scheduled', action: 'start_publishing', to: 'publishing' },
    { from: 'scheduled', action: 'hold', to: 'held' },

    { from: 'publishing', action: 'mark_published', to: 'published' },
    { from: 'publishing', action: 'mark_failed', to: 'failed' },
    { from: 'publishing', action: 'mark_unconfirmed', to: 'unconfirmed' },
    { from: 'publishing', action: 'hold', to: 'held' },

    { from: 'unconfirmed', action: 'mark_published', to: 'published' },
    { from: 'unconfirmed', action: 'mark_failed', to: 'failed' },

    { from: 'held', action: 'edit', to: 'draft' },
    { from: 'held', action: 'withdraw', to: 'withdrawn' },
    { from: 'held', action: 'confirm_scheduled', to: 'scheduled' },
    { from: 'held', action: 'confirm_now', to: 'publishing' },

    { from: 'failed', action: 'withdraw', to: 'withdrawn' },
    { from: 'failed', action: 'retry', to: 'publishing' },

    { from: 'published', action: 'take_down', to: 'taken_down' },
  ],
  refusal: (from, action) => new InvalidStateError(`A draft that is ${from.replace('_', ' ')} cannot ${ACTION_WORDS[action]}.`, { status: from, action }),
});

const ACTION_WORDS: Record<DraftAction, string> = {
  edit: 'be edited',
  submit: 'be submitted',
  withdraw: 'be withdrawn',
  request_changes: 'have changes requested',
  reject: 'be rejected',
  approve_partly: 'be approved',
  approve_scheduled: 'be approved',
  approve_now: 'be approved',
  confirm_scheduled: 'be confirmed',
  confirm_now: 'be confirmed',
  start_publishing: 'start publishing',
  hold: 'be held',
  mark_published: 'be marked published',
  mark_failed: 'be marked failed',
  mark_unconfirmed: 'be marked unconfirmed',
  take_down: 'be taken down',
  retry: 'be retried',
};

/** Drafts waiting in the approval queue. */
export const AWAITING_APPROVAL: DraftStatus[] = DRAFT_LIFECYCLE.statesAllowing('approve_now');

/** What a leaver's departure does to their drafts: work in progress goes to someone who stays, as it was, */
export const LEAVER_TRANSFERS: DraftStatus[] = ['draft', 'changes_requested'];
/** a submission goes back to draft with its new owner, who submits it again if they stand behind it, */
export const LEAVER_RETURNS: DraftStatus[] = ['submitted'];
/** and a scheduled post waits for a manager to confirm it goes out without the person who wrote it. */
export const LEAVER_HOLDS: DraftStatus[] = ['scheduled'];

