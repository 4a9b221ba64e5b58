import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { WritePath } from '../common/write-path/write-path';
import { Draft, Failure } from '../drafts/draft.entity';
import { DraftsRepository } from '../drafts/drafts.repository';
import { DRAFT_LIFECYCLE, DraftStatus, LEAVER_HOLDS, LEAVER_RETURNS, LEAVER_TRANSFERS } from '../drafts/draft-lifecycle';
import { STAFF_LIFECYCLE } from '../staff/staff-lifecycle';
import { runNamed } from './named-sql';
import { TransferPlan } from './transfer-targets';


export const HELD_OWNER_LEFT: Failure = {
  code: 'OWNER_LEFT',
  message: 'Held: the person who owned this post has left; a manager must confirm it before it goes out.',
};

const BATCH = 500;

export interface DraftMoves {
  draftsTransferred: string[];
  submissionsReturned: string[];
  postsHeld: string[];
}

/** The leaver's drafts in each group, read (and on PostgreSQL held) before anything moves. */
export interface LeaverDraftGroups {
  transferred: Draft[];
  returned: Draft[];
  held: Draft[];
}

export const idsOf = (groups: LeaverDraftGroups): DraftMoves => ({
  draftsTransferred: groups.transferred.map((draft) => draft.id),
  submissionsReturned: groups.returned.map((draft) => draft.id),
  postsHeld: groups.held.map((draft) => draft.id),
});

/**
 * What a leaver means for their drafts, as a fixed number of statements however many drafts they own:
 * one read per group, one ownership UPDATE per handed-on group, and the moves through the draft lifecycle
 * set-based (WritePath): each draft gets its history line and its audit entry, following from the leave's.
 */
@Injectable()
export class LeaverDrafts {
  constructor(
    private readonly writePath: WritePath,
    private readonly drafts: DraftsRepository,
  ) {}

  /** Read-only: which drafts each group would take. */
  async preview(manager: EntityManager, leaverId: string): Promise<DraftMoves> {
    return idsOf(await this.groups(manager, leaverId, false));
  }

  /** The groups, held against concurrent edits until the moves are written. */
  lock(manager: EntityManager, leaverId: string): Promise<LeaverDraftGroups> {
    return this.groups(manager, leaverId, true);
  }

  async apply(manager: EntityManager, groups: LeaverDraftGroups, leaverId: string, plan: TransferPlan, change: { actorId: string | null; cause: AuditEntry; nowIso: string }): Promise<DraftMoves> {
    const { actorId, cause, nowIso } = change;
    const details = { reason: 'owner left', leaverId };
    // Ownership is not a status: a column update; the history line says who handed it on and why.
    await this.handOn(manager, [...groups.transferred, ...groups.returned], leaverId, plan, nowIso);
    await this.writePath.noteMany(manager, DRAFT_LIFECYCLE, groups.transferred, 'transferred', { actorId, cause, details });
    await this.voidApprovals(manager, groups.returned, nowIso);
    await this.writePath.transitionMany(manager, DRAFT_LIFECYCLE, groups.returned, 'edit', {
      actorId,
      cause,
      details,
      as: 'returned_to_draft',
      set: { submittedAt: null, updatedAt: nowIso },
    });
    await this.writePath.transitionMany(manager, DRAFT_LIFECYCLE, groups.held, 'hold', { actorId, cause, details, set: { failure: HELD_OWNER_LEFT, updatedAt: nowIso } });
    return idsOf(groups);
  }

  /** The chosen target, else the draft's account owner while active and not the leaver, else the fallback. */
  private async handOn(manager: EntityManager, drafts: Draft[], leaverId: string, plan: TransferPlan, nowIso: string): Promise<void> {
    for (let i = 0; i < drafts.length; i += BATCH) {
      const ids = drafts.slice(i, i + BATCH).map((draft) => draft.id);
      await runNamed(manager, `UPDATE "drafts" SET "ownerId" = ${this.newOwner(plan)}, "updatedAt" = :now WHERE "id" IN (:...ids)`, {
        ids,
        leaverId,
        now: nowIso,
        ownerActiveAt: nowIso,
        present: STAFF_LIFECYCLE.statesAllowing('offboard'),
        targetId: plan.targetId,
        fallbackId: plan.fallbackId,
      });
    }
  }

  /** Approvals given to a submission do not carry over to the draft it goes back to. */
  private async voidApprovals(manager: EntityManager, drafts: Draft[], nowIso: string): Promise<void> {
    for (let i = 0; i < drafts.length; i += BATCH) {
      const ids = drafts.slice(i, i + BATCH).map((draft) => draft.id);
      await runNamed(manager, `UPDATE "draft_approvals" SET "voidedAt" = :now WHERE "voidedAt" IS NULL AND "draftId" IN (:...ids)`, { ids, now: nowIso });
    }
  }

  private newOwner(plan: TransferPlan): string {
    if (plan.targetId !== null) return ':targetId';
    return `COALESCE((SELECT a."ownerId" FROM "accounts" a INNER JOIN "staff" s ON s."id" = a."ownerId"
      WHERE a."id" = "drafts"."accountId" AND a."ownerId" <> :leaverId AND s."status" IN (:...present)
      AND (s."leavingAt" IS NULL OR s."leavingAt" > :ownerActiveAt)), ${plan.fallbackId === null ? '"drafts"."ownerId"' : ':fallbackId'})`;
  }

  private async groups(manager: EntityManager, leaverId: string, lock: boolean): Promise<LeaverDraftGroups> {
    // Held, when `lock`, against concurrent edits between this read and the moves.
    const read = (statuses: DraftStatus[]) => this.drafts.ownedIn(leaverId, statuses, lock, manager);
    return { transferred: await read(LEAVER_TRANSFERS), returned: await read(LEAVER_RETURNS), held: await read(LEAVER_HOLDS) };
  }
}
