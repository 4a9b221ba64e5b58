import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { DraftApprovalsRepository } from '../publishing/draft-approvals.repository';
import { Caller } from '../auth/caller';
import { Access } from '../common/access/access.service';
import { ConsentService } from '../consent/consent.service';
import type { DraftRuleAction } from './draft-rules';
import { Draft } from './draft.entity';
import { DraftsRepository } from './drafts.repository';
import { DraftView, toRevisionView } from './draft.view';

/** Builds draft views a page at a time: one query per related table, never one per draft. */
@Injectable()
export class DraftViews {
  constructor(
    private readonly consent: ConsentService,
    private readonly access: Access,
    private readonly drafts: DraftsRepository,
    private readonly approvals: DraftApprovalsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  /** `caller` is whoever the view is for: `allowedActions` are theirs. */
  async one(manager: EntityManager, caller: Caller, draft: Draft): Promise<DraftView> {
    return (await this.many(manager, caller, [draft]))[0];
  }

  async many(manager: EntityManager, caller: Caller, drafts: Draft[]): Promise<DraftView[]> {
    if (drafts.length === 0) return [];
    const revisionIds = drafts.map((d) => d.currentRevisionId);
    const revisions = new Map((await this.drafts.revisionsByIds(revisionIds)).map((r) => [r.id, r]));
    const approvals = await this.approvals.standingOf(drafts.map((d) => d.id), revisionIds);
    const accountIds = [...new Set(drafts.map((d) => d.accountId))];
    const accounts = new Map((await this.accounts.findByIds(accountIds, ['id', 'requiredApprovals'])).map((a) => [a.id, a]));
    const consent = await this.consent.stateOf(manager, drafts.map((d) => d.id));
    const allowed = await this.access.allowedActions(caller, 'draft', drafts, manager);
    return drafts.map((draft) => ({
      id: draft.id,
      accountId: draft.accountId,
      authorId: draft.authorId,
      ownerId: draft.ownerId,
      status: draft.status,
      revision: toRevisionView(revisions.get(draft.currentRevisionId)!),
      findings: draft.findings,
      consent: consent.get(draft.id)!,
      approvals: approvals
        .filter((a) => a.draftId === draft.id && a.revisionId === draft.currentRevisionId)
        .map((a) => ({ managerId: a.managerId, revisionId: a.revisionId, approvedAt: a.approvedAt })),
      requiredApprovals: accounts.get(draft.accountId)?.requiredApprovals ?? 1,
      scheduledFor: draft.scheduledFor,
      publication: draft.publication,
      failure: draft.failure,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
      allowedActions: (allowed.get(draft.id) ?? []) as DraftRuleAction[],
    }));
  }
}
