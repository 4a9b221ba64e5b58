import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { openRedis } from '../common/redis/open-redis';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { PUBLISH_QUEUE, PublishJobData, withinMs } from './publish-queue';
import { PublishRunner } from './publish-runner';

/** The BullMQ worker, started in processes whose role is `worker` or `all`. */
@Injectable()
export class PublishWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublishWorker.name);
  private worker: Worker<PublishJobData> | null = null;
  private connection: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: PublishRunner,
  ) {}

  onApplicationBootstrap(): void {
    // With the sync driver the queue runs its jobs itself.
    if (this.config.role === 'api' || this.config.publishing.queueDriver === 'sync') return;
    this.connection = openRedis(this.config.redisUrl);
    this.connection.on('error', () => undefined);
    this.worker = new Worker<PublishJobData>(PUBLISH_QUEUE, (job, token) => this.runner.run(job, token), {
      connection: this.connection,
      prefix: this.config.publishing.queuePrefix,
      concurrency: this.config.publishing.workerConcurrency,
      // A job whose worker died is picked up again after this; the runner then finds the call in flight.
      lockDuration: this.config.publishing.workerLockMs,
      stalledInterval: Math.max(1000, Math.floor(this.config.publishing.workerLockMs / 2)),
      maxStalledCount: 1,
    });
    this.worker.on('error', () => undefined);
    this.worker.on('failed', (job, error) => this.logger.error(`Publishing job ${job?.id} failed: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const redisUp = this.connection?.status === 'ready';
    // Let running jobs finish when Redis is there to record it; with Redis gone, closing would hang.
    if (this.worker) await withinMs(this.worker.close(!redisUp), redisUp ? this.config.publishing.workerLockMs : 1000);
    this.connection?.disconnect();
  }

  /** For tests that simulate a worker dying mid-job: stop without letting running jobs finish. */
  async kill(): Promise<void> {
    if (this.worker) await withinMs(this.worker.close(true), 1000);
    this.connection?.disconnect();
    this.worker = null;
  }
}
