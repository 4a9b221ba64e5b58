import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccountNotPublishableError, AlreadyApprovedError, ConsentOutstandingError, SelfApprovalForbiddenError } from '../approvals/approvals-errors';
import { Caller, hasRole } from '../auth/caller';
import { Permission, rolesGrant } from '../auth/permissions';
import { DomainError } from '../common/errors/domain-error';
import { ForbiddenError, InvalidStateError } from '../common/errors/generic-errors';
import { ResourceRules } from '../common/access/resource-rules';
import { Transactions } from '../common/database/transactions';
import { ConsentRequest } from '../consent/consent-request.entity';
import { PolicyNotAcknowledgedError } from '../policy/policy-errors';
import { DRAFT_LIFECYCLE, DraftAction } from './draft-lifecycle';
import { DraftFacts, DraftRuleFacts } from './draft-rule-facts';
import { Draft } from './draft.entity';
import { ContentCheckFailedError, NotAuthorisedForAccountError, NotDraftOwnerError } from './drafts-errors';

/** What a caller may do to a draft (API.md section 19), in the order views list them. */
export const DRAFT_ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'request_changes', 'reject', 'confirm', 'retry', 'reconcile', 'take_down', 'request_removal'] as const;
export type DraftRuleAction = (typeof DRAFT_ACTIONS)[number];

const PERMISSIONS: Record<DraftRuleAction, Permission> = {
  edit: Permission.DraftEdit,
  submit: Permission.DraftSubmit,
  withdraw: Permission.DraftWithdraw,
  approve: Permission.DraftApprove,
  request_changes: Permission.DraftRequestChanges,
  reject: Permission.DraftReject,
  confirm: Permission.DraftConfirm,
  retry: Permission.DraftRetry,
  reconcile: Permission.DraftReconcile,
  take_down: Permission.DraftTakeDown,
  request_removal: Permission.DraftRequestRemoval,
};

/** Managers and admins see every draft; they never need the per-draft facts to see one. */
export const seesAllDrafts = (caller: Caller): boolean => hasRole(caller, 'manager', 'admin');

/**
 * Who may see a draft: managers and admins, its owner, its author (while they are staff, which signing
 * in already proves), staff authorised on its account now, and colleagues it asks for consent. Anyone
 * else gets 404. `visibleDraftsWhere` is the same rule as SQL, for lists.
 */
export function seesDraft(caller: Caller, draft: Draft, facts: Pick<DraftFacts, 'authorisedAccountIds' | 'consentAskedOf'>): boolean {
  if (seesAllDrafts(caller) || draft.ownerId === caller.staffId || draft.authorId === caller.staffId) return true;
  return facts.authorisedAccountIds.has(draft.accountId) || facts.consentAskedOf.has(draft.id);
}

export function visibleDraftsWhere(builder: SelectQueryBuilder<Draft>, alias: string, caller: Caller, authorisedAccountIds: readonly string[]): SelectQueryBuilder<Draft> {
  if (seesAllDrafts(caller)) return builder;
  const consent = builder
    .subQuery()
    .select('1')
    .from(ConsentRequest, 'vc')
    .where(`vc.draftId = ${alias}.id AND vc.staffId = :visibleTo AND vc.active = :visibleActive`)
    .getQuery();
  const visible = [`${alias}.ownerId = :visibleTo`, `${alias}.authorId = :visibleTo`, `EXISTS ${consent}`];
  if (authorisedAccountIds.length > 0) visible.push(`${alias}.accountId IN (:...visibleAccountIds)`);
  return builder.andWhere(`(${visible.join(' OR ')})`, { visibleTo: caller.staffId, visibleActive: true, visibleAccountIds: authorisedAccountIds });
}

/** The lifecycle's own refusal (409 INVALID_STATE) when `action` cannot be taken from the draft's status. */
const moveRefused = (draft: Draft, action: DraftAction): DomainError | null => (DRAFT_LIFECYCLE.can(draft.status, action) ? null : DRAFT_LIFECYCLE.refusal(draft.status, action));

/** Four eyes: whoever wrote or owns the draft cannot be the one who lets it out. */
const isOwnDraft = (caller: Caller, draft: Draft): boolean => caller.staffId === draft.authorId || caller.staffId === draft.ownerId;

/**
 * The draft rules, after visibility (404) and the action's roles (403), each in the order the
 * services have always checked them. What depends on the request's body (the revision an approval
 * names, a date in the past) stays with the service.
 */
@Injectable()
export class DraftRules implements ResourceRules<Draft, DraftRuleAction, DraftFacts> {
  readonly type = 'draft';
  readonly actions = PERMISSIONS;

  constructor(
    private readonly ruleFacts: DraftRuleFacts,
    private readonly transactions: Transactions,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Draft | null> {
    return this.transactions.findById(manager, Draft, id, options);
  }

  facts(manager: EntityManager, caller: Caller, rows: Draft[]): Promise<DraftFacts> {
    return this.ruleFacts.load(manager, caller, rows);
  }

  visible(caller: Caller, row: Draft, facts: DraftFacts): boolean {
    return seesDraft(caller, row, facts);
  }

  refusal(caller: Caller, action: DraftRuleAction, draft: Draft, facts: DraftFacts): DomainError | null {
    switch (action) {
      case 'edit':
        if (draft.ownerId !== caller.staffId) return new NotDraftOwnerError('edit it');
        return moveRefused(draft, 'edit') ?? this.mayPost(draft, facts);
      case 'submit': {
        if (draft.ownerId !== caller.staffId) return new NotDraftOwnerError('submit it');
        const blocking = facts.blockingFindings.get(draft.id);
        return moveRefused(draft, 'submit') ?? this.mayPost(draft, facts) ?? (blocking ? new ContentCheckFailedError(blocking) : null);
      }
      case 'withdraw':
        if (draft.ownerId !== caller.staffId && !hasRole(caller, 'manager')) return new NotDraftOwnerError('withdraw it (or a manager)');
        return moveRefused(draft, 'withdraw');
      case 'approve': {
        if (isOwnDraft(caller, draft)) return new SelfApprovalForbiddenError();
        if (facts.approvedByCaller.has(draft.id)) return new AlreadyApprovedError();
        const blocking = facts.blockingFindings.get(draft.id);
        return moveRefused(draft, 'approve_now') ?? this.publishable(draft, facts) ?? (blocking ? new ContentCheckFailedError(blocking) : null);
      }
      case 'request_changes':
        return moveRefused(draft, 'request_changes');
      case 'reject':
        return moveRefused(draft, 'reject');
      case 'confirm':
        // The manager who owns a held draft cannot let it out either.
        if (isOwnDraft(caller, draft)) return new SelfApprovalForbiddenError();
        return moveRefused(draft, 'confirm_now') ?? this.publishable(draft, facts);
      case 'retry':
        return moveRefused(draft, 'retry');
      case 'reconcile':
        // Only an outcome nobody knows is settled by hand; a post still publishing is the worker's.
        if (!DRAFT_LIFECYCLE.is(draft, 'unconfirmed')) return new InvalidStateError(`Only an unconfirmed post can be reconciled; this one is ${draft.status}.`, { status: draft.status });
        return null;
      case 'take_down':
        return moveRefused(draft, 'take_down');
      case 'request_removal':
        return this.removalRefused(caller, draft, facts);
    }
  }

  /** requireMayPost: authorised on the account now, and the policy in effect acknowledged. */
  private mayPost(draft: Draft, facts: DraftFacts): DomainError | null {
    if (!facts.authorisedAccountIds.has(draft.accountId)) return new NotAuthorisedForAccountError();
    return facts.unacknowledgedPolicy === null ? null : new PolicyNotAcknowledgedError(facts.unacknowledgedPolicy);
  }

  /** The account can publish now and every colleague shown has consented: approving and confirming both need it. */
  private publishable(draft: Draft, facts: DraftFacts): DomainError | null {
    if (!facts.publishableAccountIds.has(draft.accountId)) return new AccountNotPublishableError();
    const consent = facts.consent.get(draft.id) ?? { pending: 0, refused: 0 };
    return consent.pending > 0 || consent.refused > 0 ? new ConsentOutstandingError(consent) : null;
  }

  /**
   * "Remove at once any item a colleague asks to be removed that includes them": a colleague shown in
   * it, whatever its status short of taken down; a manager not shown, only once it is out.
   */
  private removalRefused(caller: Caller, draft: Draft, facts: DraftFacts): DomainError | null {
    const depicted = facts.depicting.has(draft.id);
    if (!depicted && !rolesGrant(caller.roles, Permission.RemovalRequestAnyPost)) return new ForbiddenError('Only a colleague shown in the post, or a manager, can ask for it to be removed.');
    if (DRAFT_LIFECYCLE.is(draft, 'taken_down')) return new InvalidStateError('This post has already been taken down.', { status: draft.status });
    // A manager who is not in the photo has their own ways to stop a post that is not out yet.
    if (!DRAFT_LIFECYCLE.is(draft, 'published') && !depicted) return new InvalidStateError('This post is not published: withdraw or reject it instead.', { status: draft.status });
    return null;
  }
}
