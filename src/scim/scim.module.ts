import { Module } from '@nestjs/common';
import { OffboardingModule } from '../offboarding/offboarding.module';
import { StaffModule } from '../staff/staff.module';
import { ScimController } from './scim.controller';
import { ScimGuard } from './scim.guard';
import { ScimService } from './scim.service';
import { ScimGroupsService } from './scim-groups.service';

@Module({
  imports: [StaffModule, OffboardingModule],
  controllers: [ScimController],
  providers: [ScimService, ScimGroupsService, ScimGuard],
})
export class ScimModule {}
