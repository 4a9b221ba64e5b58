import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { TasksModule } from '../../tasks/tasks.module';
import { AuthModule } from '../auth.module';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';

@Module({
  imports: [AuthModule, StaffModule, TasksModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetService, PasswordResetRepository],
})
export class PasswordResetModule {}
