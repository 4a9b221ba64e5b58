import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { DraftApproval } from '../publishing/draft-approval.entity';
import { Caller } from '../auth/caller';
import { Access } from '../common/access/access.service';
import { ConsentService } from '../consent/consent.service';
import type { DraftRuleAction } from './draft-rules';
import { DraftRevision } from './draft-revision.entity';
import { Draft } from './draft.entity';
import { DraftView, toRevisionView } from './draft.view';

/** Builds draft views a page at a time: one query per related table, never one per draft. */
@Injectable()
export class DraftViews {
  constructor(
    private readonly consent: ConsentService,
    private readonly access: Access,
  ) {}

  /** `caller` is whoever the view is for: `allowedActions` are theirs. */
  async one(manager: EntityManager, caller: Caller, draft: Draft): Promise<DraftView> {
    return (await this.many(manager, caller, [draft]))[0];
  }

  async many(manager: EntityManager, caller: Caller, drafts: Draft[]): Promise<DraftView[]> {
    if (drafts.length === 0) return [];
    const revisionIds = drafts.map((d) => d.currentRevisionId);
    const revisions = new Map((await manager.getRepository(DraftRevision).findBy({ id: In(revisionIds) })).map((r) => [r.id, r]));
    const approvals = await manager.getRepository(DraftApproval).find({
      // draftId leads the unique (draftId, revisionId, managerId) index.
      where: { draftId: In(drafts.map((d) => d.id)), revisionId: In(revisionIds), voidedAt: IsNull() },
      order: { approvedAt: 'ASC', id: 'ASC' },
    });
    const accountIds = [...new Set(drafts.map((d) => d.accountId))];
    const accounts = new Map(
      (await manager.getRepository(Account).find({ where: { id: In(accountIds) }, select: { id: true, requiredApprovals: true } })).map((a) => [a.id, a]),
    );
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
