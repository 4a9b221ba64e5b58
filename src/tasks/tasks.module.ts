import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { StaffModule } from '../staff/staff.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MailOutboxRepository } from './mail/mail-outbox.repository';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { TaskNoticesRepository } from './task-notices.repository';
import { DigestService } from './mail/digest.service';
import { MailDispatcher } from './mail/mail-dispatcher';
import { MailOutboxWriter } from './mail/mail-outbox-writer';
import { MailSchedule } from './mail/mail-schedule';
import { MailTransport } from './mail/mail-transport';
import { PreferencesService } from './preferences.service';
import { TaskMailListener } from './task-mail-listener';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** What waits on whom, and the mail outbox. */
@Module({
  imports: [JobsModule, NotificationsModule, StaffModule],
  controllers: [TasksController],
  providers: [TasksService, PreferencesService, TaskMailListener, MailOutboxWriter, MailTransport, MailDispatcher, DigestService, MailSchedule, MailOutboxRepository, NotificationPreferencesRepository, TaskNoticesRepository],
  exports: [MailOutboxWriter, MailDispatcher, DigestService, TaskMailListener],
})
export class TasksModule {}
