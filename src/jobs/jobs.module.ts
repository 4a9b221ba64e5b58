import { Module } from '@nestjs/common';
import { NotificationsModule } from '../tasks/notifications/notifications.module';
import { OffboardingModule } from '../offboarding/offboarding.module';
import { DpiaModule } from '../dpia/dpia.module';
import { PolicyModule } from '../policy/policy.module';
import { GovernanceChecks } from './governance-checks';
import { JobLocks } from './job-locks';
import { ScheduledJobs } from './scheduled-jobs';

@Module({
  imports: [NotificationsModule, OffboardingModule, DpiaModule, PolicyModule],
  providers: [JobLocks, GovernanceChecks, ScheduledJobs],
  exports: [GovernanceChecks, ScheduledJobs, JobLocks],
})
export class JobsModule {}
