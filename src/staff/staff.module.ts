import { Module } from '@nestjs/common';
import { BootstrapAdmin } from './bootstrap-admin';
import { OwnProfile } from './own-profile';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  controllers: [StaffController],
  providers: [StaffService, StaffRepository, BootstrapAdmin, OwnProfile],
  exports: [StaffService, StaffRepository, OwnProfile],
})
export class StaffModule {}
