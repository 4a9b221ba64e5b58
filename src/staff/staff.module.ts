import { Module } from '@nestjs/common';
import { BootstrapAdmin } from './bootstrap-admin';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  controllers: [StaffController],
  providers: [StaffService, BootstrapAdmin],
  exports: [StaffService],
})
export class StaffModule {}
