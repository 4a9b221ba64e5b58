import { Module } from '@nestjs/common';
import { OffboardingModule } from '../offboarding/offboarding.module';
import { StaffModule } from '../staff/staff.module';
import { ScimController } from './scim.controller';
import { ScimGuard } from './scim.guard';
import { ScimService } from './scim.service';
import { ScimGroupsService } from './scim-groups.service';
import { ScimUsersRepository } from './scim-users.repository';

@Module({
  imports: [StaffModule, OffboardingModule],
  controllers: [ScimController],
  providers: [ScimService, ScimUsersRepository, ScimGroupsService, ScimGuard],
})
export class ScimModule {}
