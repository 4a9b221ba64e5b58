import { Injectable } from '@nestjs/common';
import { FindOperator } from 'typeorm';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { Draft } from '../drafts/draft.entity';
import { PublishOutbox } from './publish-outbox.entity';
import { PublishOutboxRepository } from './publish-outbox.repository';

export type HandOverScope = { draftId: string | FindOperator<string> };

/**
 * The hand-over from a decision (approval, confirmation, a manager's retry) to publishing: one outbox row
 * per revision, written in the decision's transaction so it survives Redis being down. The dispatcher
 * queues it after commit.
 */
@Injectable()
export class HandOver {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: PublishOutboxRepository,
  ) {}

  /**
   * Arms the draft's current revision to publish at `notBefore` (by default its schedule when ahead, else now).
   * A revision handed over before is re-armed with the next attempt number, which makes a new job id: the
   * previous job may still sit in Redis as completed or failed.
   */
  async arm(draft: Pick<Draft, 'id' | 'currentRevisionId' | 'accountId' | 'scheduledFor'>, options: { notBefore?: string } = {}): Promise<PublishOutbox> {
    const now = this.clock.nowIso();
    const notBefore = options.notBefore ?? (draft.scheduledFor !== null && draft.scheduledFor > now ? draft.scheduledFor : now);
    const existing = await this.outbox.forRevision(draft.currentRevisionId);
    if (existing) {
      Object.assign(existing, { notBefore, dispatchedAt: null, attempts: existing.attempts + 1 });
      await this.outbox.rearm(existing.id, existing);
      return existing;
    }
    const row = this.outbox.build({ id: newId(), draftId: draft.id, revisionId: draft.currentRevisionId, accountId: draft.accountId, notBefore, createdAt: now, dispatchedAt: null, attempts: 0 });
    await this.outbox.insert(row);
    return row;
  }

  /**
   * Withdraws the hand-overs in `scope` with the approval they carried; returns how many. A job already
   * queued for one finds the draft moved on (another revision, or not approved) and does nothing.
   */
  async cancel(scope: HandOverScope): Promise<number> {
    return this.outbox.delete(scope);
  }
}
