import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { AuthorisationsModule } from './authorisations/authorisations.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { WritePathModule } from './common/write-path/write-path.module';
import { ContentChecksModule } from './content-checks/content-checks.module';
import { ErrorResponseFilter } from './common/errors/error-response.filter';
import { createValidationPipe } from './common/validation';
import { UntrustedInputPipe } from './common/untrusted-input';
import { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { DatabaseModule } from './common/database/database.module';
import { DpiaModule } from './dpia/dpia.module';
import { DraftsModule } from './drafts/drafts.module';
import { HealthController } from './common/health/health.controller';
import { loggingParams } from './logging';
import { MediaModule } from './media/media.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { ScimModule } from './scim/scim.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './tasks/notifications/notifications.module';
import { ReportsModule } from './reports/reports.module';
import { ScheduleModule } from '@nestjs/schedule';
import { PolicyModule } from './policy/policy.module';
import { MediaLinksModule } from './publishing/media-links.module';
import { PublishingModule } from './publishing/publishing.module';
import { RedisModule } from './common/redis/redis.module';
import { StaffModule } from './staff/staff.module';
import { WebModule } from './auth/web/web.module';
import { ConnectionsModule } from './connections/connections.module';
import { OidcModule } from './auth/oidc/oidc.module';
import { TasksModule } from './tasks/tasks.module';
import { PasswordResetModule } from './auth/password-reset/password-reset.module';
import { ConcernsModule } from './concerns/concerns.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        CommonModule,
        DatabaseModule,
        RedisModule,
        AuditModule,
        WritePathModule,
        AuthModule,
        StaffModule,
        PolicyModule,
        PublishingModule,
        AccountsModule,
        DpiaModule,
        AuthorisationsModule,
        ContentChecksModule,
        MediaModule,
        MediaLinksModule,
        DraftsModule,
        ApprovalsModule,
        OffboardingModule,
        ScimModule,
        ScheduleModule.forRoot(),
        NotificationsModule,
        JobsModule,
        ReportsModule,
        WebModule,
        ConnectionsModule,
        OidcModule,
        TasksModule,
        PasswordResetModule,
        ConcernsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        { provide: APP_PIPE, useClass: UntrustedInputPipe },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
