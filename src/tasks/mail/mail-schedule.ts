import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob, CronTime } from 'cron';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { Transactions } from '../../common/database/transactions';
import { JobLocks } from '../../jobs/job-locks';
import { TaskMailListener } from '../task-mail-listener';
import { DigestService } from './digest.service';

const DIGEST = 'gatehouse:mail-digest';
const SWEEP = 'gatehouse:task-sweep';

/**
 * In worker processes: the daily digest at GATEHOUSE_DIGEST_HOUR, UK local time (the cron library follows
 * Europe/London through the clock changes), and the hourly sweep for tasks that time brings. The job lock
 * makes several workers run each once.
 */
@Injectable()
export class MailSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSchedule.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly locks: JobLocks,
    private readonly digests: DigestService,
    private readonly listener: TaskMailListener,
    private readonly transactions: Transactions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduledJobs || this.config.role === 'api') return;
    this.add(DIGEST, digestCron(this.config.mail.digestHour), 50 * 60_000, () => this.digests.queueDigests());
    this.add(SWEEP, '0 15 * * * *', 50 * 60_000, () => this.transactions.run((manager) => this.listener.sweep(manager)));
  }

  beforeApplicationShutdown(): void {
    for (const name of [DIGEST, SWEEP]) if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
  }

  private add(name: string, cronTime: string, holdMs: number, run: () => Promise<unknown>): void {
    const job = CronJob.from({
      cronTime,
      timeZone: UK_TIME_ZONE,
      start: true,
      waitForCompletion: true,
      onTick: () =>
        void this.locks
          .claim(name, holdMs)
          .then((won) => (won ? run() : undefined))
          .catch((error) => this.logger.error({ err: error }, `Scheduled job ${name} failed`)),
    });
    this.registry.addCronJob(name, job);
  }
}

export const UK_TIME_ZONE = 'Europe/London';
export const digestCron = (hour: number): string => `0 0 ${hour} * * *`;

/** The first digest instant after `from` (UTC), as the cron timer computes it. */
export const nextDigestAt = (hour: number, from: Date): Date => new CronTime(digestCron(hour), UK_TIME_ZONE).getNextDateFrom(from, UK_TIME_ZONE).toJSDate();
