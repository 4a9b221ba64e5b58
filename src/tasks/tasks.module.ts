import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
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
  imports: [JobsModule],
  controllers: [TasksController],
  providers: [TasksService, PreferencesService, TaskMailListener, MailOutboxWriter, MailTransport, MailDispatcher, DigestService, MailSchedule],
  exports: [MailOutboxWriter, MailDispatcher, DigestService, TaskMailListener],
})
export class TasksModule {}
