import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Draft, Failure } from '../drafts/draft.entity';
import { DraftStatus } from '../drafts/draft-lifecycle';
import { runNamed, sqlUuid } from './named-sql';
import { TransferPlan } from './transfer-targets';

export const TRANSFERRED_STATUSES: DraftStatus[] = ['draft', 'changes_requested'];
export const RETURNED_STATUSES: DraftStatus[] = ['submitted'];
export const HELD_STATUSES: DraftStatus[] = ['scheduled'];

export const HELD_OWNER_LEFT: Failure = {
  code: 'OWNER_LEFT',
  message: 'Held: the person who owned this post has left; a manager must confirm it before it goes out.',
};

interface Move {
  statuses: DraftStatus[];
  /** Null keeps the status. */
  toStatus: DraftStatus | null;
  action: string;
  transfer: boolean;
  extraSet?: string;
  voidApprovals?: boolean;
}

export interface DraftMoves {
  draftsTransferred: string[];
  submissionsReturned: string[];
  postsHeld: string[];
}

/**
 * What a leaver means for their drafts, as a fixed number of statements however many drafts they
 * own: per group, one SELECT of ids (for the report), one INSERT ... SELECT of history lines and one UPDATE.
 */
@Injectable()
export class LeaverDrafts {
  /** Read-only: which drafts each group would take. */
  async preview(manager: EntityManager, leaverId: string): Promise<DraftMoves> {
    return {
      draftsTransferred: await this.ids(manager, leaverId, TRANSFERRED_STATUSES, false),
      submissionsReturned: await this.ids(manager, leaverId, RETURNED_STATUSES, false),
      postsHeld: await this.ids(manager, leaverId, HELD_STATUSES, false),
    };
  }

  async apply(manager: EntityManager, leaverId: string, plan: TransferPlan, actorId: string | null, nowIso: string): Promise<DraftMoves> {
    const base = { leaverId, plan, actorId, nowIso };
    // Order matters: returned submissions become `draft` and must not be picked up by the first group again.
    const draftsTransferred = await this.move(manager, base, { statuses: TRANSFERRED_STATUSES, toStatus: null, action: 'transferred', transfer: true });
    const submissionsReturned = await this.move(manager, base, {
      statuses: RETURNED_STATUSES,
      toStatus: 'draft',
      action: 'returned_to_draft',
      transfer: true,
      extraSet: '"submittedAt" = NULL',
      voidApprovals: true,
    });
    const postsHeld = await this.move(manager, base, {
      statuses: HELD_STATUSES,
      toStatus: 'held',
      action: 'held',
      transfer: false,
      extraSet: '"failure" = :failure',
    });
    return { draftsTransferred, submissionsReturned, postsHeld };
  }

  private async move(
    manager: EntityManager,
    base: { leaverId: string; plan: TransferPlan; actorId: string | null; nowIso: string },
    move: Move,
  ): Promise<string[]> {
    const ids = await this.ids(manager, base.leaverId, move.statuses, true);
    if (ids.length === 0) return [];
    const scope = '"ownerId" = :leaverId AND "status" IN (:...statuses)';
    const parameters = {
      leaverId: base.leaverId,
      statuses: move.statuses,
      now: base.nowIso,
      ownerActiveAt: base.nowIso,
      actorId: base.actorId,
      action: move.action,
      details: JSON.stringify({ reason: 'owner left', leaverId: base.leaverId }),
      targetId: base.plan.targetId,
      fallbackId: base.plan.fallbackId,
      failure: JSON.stringify(HELD_OWNER_LEFT),
    };
    const toStatus = move.toStatus === null ? '"status"' : `'${move.toStatus}'`;
    await runNamed(
      manager,
      `INSERT INTO "draft_events" ("id", "draftId", "seq", "at", "actorId", "action", "fromStatus", "toStatus", "revisionId", "details")
       SELECT ${sqlUuid(manager)}, "id", "lastEventSeq" + 1, :now, :actorId, :action, "status", ${toStatus}, "currentRevisionId", :details
       FROM "drafts" WHERE ${scope}`,
      parameters,
    );
    if (move.voidApprovals) {
      await runNamed(
        manager,
        `UPDATE "draft_approvals" SET "voidedAt" = :now WHERE "voidedAt" IS NULL AND "draftId" IN (SELECT "id" FROM "drafts" WHERE ${scope})`,
        parameters,
      );
    }
    const sets = ['"lastEventSeq" = "lastEventSeq" + 1', '"updatedAt" = :now', `"status" = ${toStatus}`];
    if (move.transfer) sets.push(`"ownerId" = ${this.newOwner(base.plan)}`);
    if (move.extraSet) sets.push(move.extraSet);
    await runNamed(manager, `UPDATE "drafts" SET ${sets.join(', ')} WHERE ${scope}`, parameters);
    return ids;
  }

  /** The chosen target, else the draft's account owner while active and not the leaver, else the fallback. */
  private newOwner(plan: TransferPlan): string {
    if (plan.targetId !== null) return ':targetId';
    return `COALESCE((SELECT a."ownerId" FROM "accounts" a INNER JOIN "staff" s ON s."id" = a."ownerId"
      WHERE a."id" = "drafts"."accountId" AND a."ownerId" <> :leaverId AND s."status" = 'active'
      AND (s."leavingAt" IS NULL OR s."leavingAt" > :ownerActiveAt)), ${plan.fallbackId === null ? '"drafts"."ownerId"' : ':fallbackId'})`;
  }

  private async ids(manager: EntityManager, leaverId: string, statuses: DraftStatus[], lock: boolean): Promise<string[]> {
    const query = manager
      .getRepository(Draft)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where('d.ownerId = :leaverId AND d.status IN (:...statuses)', { leaverId, statuses })
      .orderBy('d.id', 'ASC');
    // Held against concurrent edits between this read and the UPDATE below.
    if (lock && manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return (await query.getRawMany<{ id: string }>()).map((row) => row.id);
  }
}
