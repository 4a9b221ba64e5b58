import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { CheckResult, GovernanceChecks } from './governance-checks';
import { JobLocks } from './job-locks';

export const JOB_NAMES = ['due-leavers', 'expired-authorisations', 'dpia-reviews', 'policy-review', 'credentials-expiring', 'approvals-waiting'] as const;
export type JobName = (typeof JOB_NAMES)[number];

interface JobDefinition {
  cron: string;
  /** How long a tick's lock is held: less than the period, so the next tick is free. */
  holdMs: number;
  run: () => Promise<CheckResult>;
}

export type TickOutcome = { ran: false } | { ran: true; result: CheckResult };

/**
 * The job table and the cron timers. Timers start only in processes whose role includes the worker
 * (`worker` or `all`) and when GATEHOUSE_SCHEDULED_JOBS is on; the job lock makes several such
 * processes run each tick once.
 */
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduledJobs.name);
  private readonly jobs: Record<JobName, JobDefinition>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly locks: JobLocks,
    checks: GovernanceChecks,
  ) {
    const everyMinute = { cron: '0 * * * * *', holdMs: 50_000 };
    const hourly = { cron: '0 5 * * * *', holdMs: 50 * 60_000 };
    // Leavers within a minute of their instant; the rest are reminders, hourly is plenty.
    this.jobs = {
      'due-leavers': { ...everyMinute, run: () => checks.dueLeavers() },
      'expired-authorisations': { ...everyMinute, run: () => checks.expiredAuthorisations() },
      'dpia-reviews': { ...hourly, run: () => checks.dpiaReviews() },
      'policy-review': { ...hourly, run: () => checks.policyReview() },
      'credentials-expiring': { ...hourly, run: () => checks.expiringCredentials() },
      'approvals-waiting': { ...hourly, run: () => checks.waitingApprovals() },
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.scheduledJobs || this.config.role === 'api') return;
    for (const name of JOB_NAMES) {
      const job = CronJob.from({
        cronTime: this.jobs[name].cron,
        onTick: () => void this.tick(name).catch((error) => this.logger.error({ err: error }, `Scheduled job ${name} failed`)),
        start: true,
        waitForCompletion: true,
      });
      this.registry.addCronJob(`gatehouse:${name}`, job);
    }
  }

  beforeApplicationShutdown(): void {
    for (const name of JOB_NAMES) {
      if (this.registry.doesExist('cron', `gatehouse:${name}`)) this.registry.deleteCronJob(`gatehouse:${name}`);
    }
  }

  /** One tick: runs the job if this instance claims it, otherwise does nothing. */
  async tick(name: JobName): Promise<TickOutcome> {
    const job = this.jobs[name];
    if (!(await this.locks.claim(name, job.holdMs))) return { ran: false };
    const result = await runRetryingBusy(job.run);
    if (result.notified > 0) this.logger.log(`Scheduled job ${name}: ${result.notified} new notification(s)`);
    return { ran: true, result };
  }
}

/**
 * Several processes on one SQLite file: a transaction that read first and then writes gets SQLITE_BUSY
 * at once (no waiting) when another process holds the write lock, e.g. a loser's lock claim. Every
 * job is idempotent (it re-reads state, notifications are deduplicated), so it simply runs again.
 */
async function runRetryingBusy<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isSqliteBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

function isSqliteBusy(error: unknown): boolean {
  const { code, driverError, message } = (error ?? {}) as { code?: string; driverError?: { code?: string }; message?: string };
  return code === 'SQLITE_BUSY' || driverError?.code === 'SQLITE_BUSY' || /SQLITE_BUSY/.test(message ?? '');
}
