import { ErrorCode, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../../common/config/app-config';
import { openRedis } from '../../common/redis/open-redis';
import { PUBLISH_QUEUE, PublishJobData, publishJobId, withinMs } from '../publish-job';
import type { PublishOutbox } from '../publish-outbox.entity';
import { PublishQueueDriver } from './queue-driver';

/** The BullMQ queue approved posts wait in. Adding fails fast while Redis is down; the outbox keeps the work. */
export class BullMqDriver implements PublishQueueDriver {
  readonly queue: Queue<PublishJobData>;
  private readonly connection: Redis;

  constructor(config: AppConfig) {
    this.connection = openRedis(config.redisUrl, { enableOfflineQueue: false });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<PublishJobData>(PUBLISH_QUEUE, { connection: this.connection, prefix: config.publishing.queuePrefix });
    this.queue.on('error', () => undefined);
  }

  async add(outbox: PublishOutbox, nowMs: number): Promise<void> {
    const delay = Math.max(0, Date.parse(outbox.notBefore) - nowMs);
    await this.queue.add(
      'publish',
      { draftId: outbox.draftId, revisionId: outbox.revisionId },
      { jobId: publishJobId(outbox), delay, attempts: 1, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } },
    );
  }

  async has(outbox: PublishOutbox): Promise<boolean> {
    return (await this.queue.getJob(publishJobId(outbox))) !== undefined;
  }

  /**
   * Sweeps on several instances may find the same failed job: the one that loses the race is told so by
   * BullMQ, and nothing more is to be done.
   */
  async retryIfFailed(outbox: PublishOutbox): Promise<boolean> {
    const job = await this.queue.getJob(publishJobId(outbox));
    if (!job || !(await job.isFailed())) return false;
    try {
      await job.retry('failed');
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === ErrorCode.JobNotInState) return false;
      throw error;
    }
  }

  async stop(): Promise<void> {
    // The workers (PublishWorker) run the jobs; the queue itself holds nothing in this process.
  }

  async close(): Promise<void> {
    // BullMQ's close waits for Redis; with Redis down that would hang the shutdown.
    if (this.connection.status === 'ready') await withinMs(this.queue.close(), 2000);
    this.connection.disconnect();
  }
}
