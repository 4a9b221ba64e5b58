import { Logger } from '@nestjs/common';
import { PublishJobData, publishJobId } from '../publish-job';
import type { PublishOutbox } from '../publish-outbox.entity';
import { PublishQueueDriver } from './queue-driver';

type JobState = 'delayed' | 'active' | 'completed' | 'failed';

/** Runs one job; returns in how many ms to run it again, or null when it is done (PublishRunner.attempt). */
export type RunJob = (data: PublishJobData) => Promise<number | null>;

/**
 * Jobs run in this process, no Redis: for tests that need the pipeline but not BullMQ's behaviour.
 * The same job id is queued once, as in BullMQ; jobs run one at a time, each when its time comes (real
 * time, as BullMQ's delays); a retry the run asks for is run after its delay; a job that throws is failed
 * until the sweep retries it. The dispatcher adds a job only after the hand-over committed.
 */
export class SyncDriver implements PublishQueueDriver {
  private readonly logger = new Logger(SyncDriver.name);
  private readonly jobs = new Map<string, { data: PublishJobData; state: JobState }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly runJob: RunJob) {}

  async add(outbox: PublishOutbox, nowMs: number): Promise<void> {
    const id = publishJobId(outbox);
    if (this.jobs.has(id)) return;
    this.jobs.set(id, { data: { draftId: outbox.draftId, revisionId: outbox.revisionId }, state: 'delayed' });
    this.runIn(id, Math.max(0, Date.parse(outbox.notBefore) - nowMs));
  }

  async has(outbox: PublishOutbox): Promise<boolean> {
    return this.jobs.has(publishJobId(outbox));
  }

  async retryIfFailed(outbox: PublishOutbox): Promise<boolean> {
    const id = publishJobId(outbox);
    const job = this.jobs.get(id);
    if (!job || job.state !== 'failed') return false;
    job.state = 'delayed';
    this.runIn(id, 0);
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.chain;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private runIn(id: string, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // One at a time, in the order their times come, like a single worker.
      this.chain = this.chain.then(() => this.run(id));
    }, ms);
    this.timers.add(timer);
  }

  private async run(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || this.stopped) return;
    job.state = 'active';
    try {
      const retryInMs = await this.runJob(job.data);
      job.state = retryInMs === null ? 'completed' : 'delayed';
      if (retryInMs !== null) this.runIn(id, retryInMs);
    } catch (error) {
      job.state = 'failed';
      this.logger.error(`Publishing job ${id} failed: ${(error as Error).message}`);
    }
  }
}
