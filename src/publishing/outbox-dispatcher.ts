import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { PublishOutbox } from './publish-outbox.entity';
import { PublishOutboxRepository } from './publish-outbox.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Transactions } from '../common/database/transactions';
import { DraftsRepository } from '../drafts/drafts.repository';
import { HANDED_OVER_STATES } from './handed-over';
import { PublishAttemptsRepository } from './publish-attempts.repository';
import { PublishQueue } from './publish-queue';

const BATCH = 100;
const SWEEP_EVERY_MS = 60_000;

/**
 * Moves approved posts from the outbox (written in the approval's transaction) into BullMQ. While Redis is
 * down the rows simply wait; the next tick after it returns sends them. A sweep re-queues approved posts
 * whose job has vanished from Redis.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastWarning = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: PublishQueue,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
    private readonly outbox: PublishOutboxRepository,
    private readonly drafts: DraftsRepository,
    private readonly attempts: PublishAttemptsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.publishing.outboxPollMs);
    this.sweepTimer = setInterval(() => void this.sweep().catch((error) => this.warn(error)), SWEEP_EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.running;
  }

  /** Dispatch now (after an approval commits) rather than at the next tick. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatchPending()
      .then(() => undefined, (error) => this.warn(error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Queues every undispatched outbox row; returns how many were sent. Stops at the first Redis failure. */
  async dispatchPending(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await this.outbox.undispatched(BATCH);
      for (const row of rows) {
        await this.queue.add(row, this.clock.now().getTime());
        await this.markDispatched(row, this.clock.nowIso());
        sent += 1;
      }
      if (rows.length < BATCH) return sent;
    }
  }

  /**
   * Approved posts whose job is gone from Redis (flushed, lost) are dispatched again, and a job that failed
   * (the run threw, say the database was away after the call) runs again rather than leaving the post
   * `publishing` for ever; the runner's ledger makes both safe.
   */
  async sweep(): Promise<number> {
    const waiting = await this.drafts.currentRevisionsIn(HANDED_OVER_STATES);
    let requeued = 0;
    for (const draft of waiting) {
      const outbox = await this.outbox.dispatchedFor(draft.currentRevisionId);
      if (!outbox) continue;
      if (await this.queue.retryIfFailed(outbox)) {
        requeued += 1;
        continue;
      }
      if (await this.queue.has(outbox)) continue;
      if (await this.attempts.hasUnsettled(outbox.revisionId)) continue;
      await this.transactions.run(() => this.outbox.undispatch(outbox.id));
      requeued += 1;
    }
    if (requeued > 0) this.kick();
    return requeued;
  }

  /** Through Transactions so that on SQLite the write never lands inside another request's transaction. */
  private async markDispatched(row: PublishOutbox, nowIso: string): Promise<void> {
    await this.transactions.run(() => this.outbox.markDispatched(row, nowIso));
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`Approved posts wait in the outbox: ${(error as Error).message}`);
  }
}
