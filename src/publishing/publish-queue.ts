import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, Queue } from 'bullmq';
import Redis from 'ioredis';
import { openRedis } from '../redis/open-redis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PublishOutbox } from './publish-outbox.entity';

export const PUBLISH_QUEUE = 'publish';

export interface PublishJobData {
  draftId: string;
  revisionId: string;
}

/** The job id is derived from the revision (and the manager's retry count), so queueing twice is a no-op. */
export function publishJobId(outbox: Pick<PublishOutbox, 'revisionId' | 'attempts'>): string {
  return `rev-${outbox.revisionId}-${outbox.attempts}`;
}

/** The BullMQ queue approved posts wait in. Adding fails fast while Redis is down; the outbox keeps the work. */
@Injectable()
export class PublishQueue implements OnApplicationShutdown {
  readonly queue: Queue<PublishJobData>;
  private readonly connection: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
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
   * Runs a failed job (the runner threw, or its worker died too often) again; true when this call did.
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

  async onApplicationShutdown(): Promise<void> {
    // BullMQ's close waits for Redis; with Redis down that would hang the shutdown.
    if (this.connection.status === 'ready') await withinMs(this.queue.close(), 2000);
    this.connection.disconnect();
  }
}

/** Waits for `work` at most `ms`; shutdown must not hang on a Redis that is gone. */
export async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
