import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { JobLocks } from '../jobs/job-locks';
import { ConnectionsService } from './connections.service';
import { CredentialHealth } from './credential-health';

const JOBS = {
  // Unused connections lapse within a minute of their deadline (expiresAt is also enforced at use).
  'connections-expiry': { cron: '30 * * * * *', holdMs: 50_000 },
  // Daily, at night: refresh what expires within 7 days and flag dead tokens before a post fails on one.
  'credentials-health': { cron: '0 15 3 * * *', holdMs: 6 * 60 * 60_000 },
} as const;
type ConnectionJob = keyof typeof JOBS;

/** The two connection jobs, on the same terms as the others (scheduled-jobs.ts): worker processes only, once per tick across instances. */
@Injectable()
export class ConnectionJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConnectionJobs.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly locks: JobLocks,
    private readonly connections: ConnectionsService,
    private readonly health: CredentialHealth,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduledJobs || this.config.role === 'api') return;
    for (const name of Object.keys(JOBS) as ConnectionJob[]) {
      const job = CronJob.from({
        cronTime: JOBS[name].cron,
        onTick: () => void this.tick(name).catch((error) => this.logger.error({ err: error }, `Scheduled job ${name} failed`)),
        start: true,
        waitForCompletion: true,
      });
      this.registry.addCronJob(`gatehouse:${name}`, job);
    }
  }

  beforeApplicationShutdown(): void {
    for (const name of Object.keys(JOBS)) {
      if (this.registry.doesExist('cron', `gatehouse:${name}`)) this.registry.deleteCronJob(`gatehouse:${name}`);
    }
  }

  async tick(name: ConnectionJob): Promise<boolean> {
    if (!(await this.locks.claim(name, JOBS[name].holdMs))) return false;
    if (name === 'connections-expiry') await this.connections.expireDue();
    else this.logger.log({ ...(await this.health.checkAll()) }, 'Daily credentials check');
    return true;
  }
}
