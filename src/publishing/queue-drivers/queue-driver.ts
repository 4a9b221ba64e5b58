import type { PublishOutbox } from '../publish-outbox.entity';

/** Where approved posts wait for their run: BullMQ in Redis, or in-process for tests (GATEHOUSE_QUEUE_DRIVER). */
export interface PublishQueueDriver {
  /** Queues the outbox row's job at its `notBefore`; a job id queued before is left as it is. */
  add(outbox: PublishOutbox, nowMs: number): Promise<void>;
  /** Whether the row's job is known to the queue (waiting, running, done or failed). */
  has(outbox: PublishOutbox): Promise<boolean>;
  /** Runs the row's job again when its last run failed; true when this call did. */
  retryIfFailed(outbox: PublishOutbox): Promise<boolean>;
  /** Stops taking work and lets a running job finish (before the database goes). */
  stop(): Promise<void>;
  close(): Promise<void>;
}
