import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { PublishJobData } from './publish-job';
import type { PublishOutbox } from './publish-outbox.entity';
import { PublishRunner } from './publish-runner';
import { BullMqDriver } from './queue-drivers/bullmq-driver';
import { PublishQueueDriver } from './queue-drivers/queue-driver';
import { SyncDriver } from './queue-drivers/sync-driver';

export { PUBLISH_QUEUE, publishJobId, withinMs } from './publish-job';
export type { PublishJobData } from './publish-job';

/**
 * The queue approved posts wait in, behind the driver configuration chooses (GATEHOUSE_QUEUE_DRIVER):
 * BullMQ in Redis, or `sync`, in this process, for tests that need no Redis behaviour.
 */
@Injectable()
export class PublishQueue implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly driver: PublishQueueDriver;

  constructor(@Inject(APP_CONFIG) config: AppConfig, runner: PublishRunner) {
    this.driver = config.publishing.queueDriver === 'sync' ? new SyncDriver((data) => runner.attempt(data)) : new BullMqDriver(config);
  }

  /** The BullMQ queue (the dashboard, tests of BullMQ itself); there is none with the sync driver. */
  get queue(): Queue<PublishJobData> {
    if (!(this.driver instanceof BullMqDriver)) throw new Error('The sync queue driver has no BullMQ queue');
    return this.driver.queue;
  }

  get isBullMq(): boolean {
    return this.driver instanceof BullMqDriver;
  }

  add(outbox: PublishOutbox, nowMs: number): Promise<void> {
    return this.driver.add(outbox, nowMs);
  }

  has(outbox: PublishOutbox): Promise<boolean> {
    return this.driver.has(outbox);
  }

  /** Runs a failed job (the runner threw, or its worker died too often) again; true when this call did. */
  retryIfFailed(outbox: PublishOutbox): Promise<boolean> {
    return this.driver.retryIfFailed(outbox);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
