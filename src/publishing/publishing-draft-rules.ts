import { Permission } from '../auth/permissions';
import { DomainError } from '../common/errors/domain-error';
import { InvalidStateError } from '../common/errors/generic-errors';
import { DRAFT_LIFECYCLE } from '../drafts/draft-lifecycle';
import type { Draft } from '../drafts/draft.entity';

/** What a manager does to a draft after approval, each under its own permission; part of the draft's rules. */
export const PUBLISHING_DRAFT_ACTIONS = {
  retry: Permission.DraftRetry,
  reconcile: Permission.DraftReconcile,
  take_down: Permission.DraftTakeDown,
} as const;
export type PublishingDraftAction = keyof typeof PUBLISHING_DRAFT_ACTIONS;

/** Why the draft's state refuses a publishing action now, or null; the draft's rules call it for these actions. */
export function publishingRefusal(action: PublishingDraftAction, draft: Pick<Draft, 'status'>): DomainError | null {
  if (action === 'reconcile') {
    // Reconciling settles a post as published or not: it is only asked of an unknown outcome.
    if (DRAFT_LIFECYCLE.is(draft, 'unconfirmed')) return null;
    return new InvalidStateError(`Only an unconfirmed post can be reconciled; this one is ${draft.status}.`, { status: draft.status });
  }
  return DRAFT_LIFECYCLE.can(draft.status, action) ? null : DRAFT_LIFECYCLE.refusal(draft.status, action);
}
