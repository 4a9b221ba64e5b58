import { Global, Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { PolicyController } from './policy.controller';
import { PolicyRepository } from './policy.repository';
import { PolicyService } from './policy.service';

@Global()
@Module({
  imports: [StaffModule],
  controllers: [PolicyController],
  providers: [PolicyService, PolicyRepository],
  exports: [PolicyService, PolicyRepository],
})
export class PolicyModule {}
