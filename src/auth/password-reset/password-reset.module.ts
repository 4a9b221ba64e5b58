import { Module } from '@nestjs/common';
import { TasksModule } from '../../tasks/tasks.module';
import { AuthModule } from '../auth.module';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';

@Module({
  imports: [AuthModule, TasksModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetService],
})
export class PasswordResetModule {}
