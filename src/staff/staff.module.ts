import { Module } from '@nestjs/common';
import { BootstrapAdmin } from './bootstrap-admin';
import { OwnProfile } from './own-profile';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  controllers: [StaffController],
  providers: [StaffService, BootstrapAdmin, OwnProfile],
  exports: [StaffService, OwnProfile],
})
export class StaffModule {}
