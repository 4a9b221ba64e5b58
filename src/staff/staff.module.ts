import { Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { BootstrapAdmin } from './bootstrap-admin';
import { OwnProfile } from './own-profile';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffRules } from './staff-rules';
import { StaffService } from './staff.service';

@Module({
  controllers: [StaffController],
  providers: [StaffService, StaffRepository, StaffRules, BootstrapAdmin, OwnProfile],
  exports: [StaffService, StaffRepository, OwnProfile],
})
export class StaffModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: StaffRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
