import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { LeaverDrafts } from './leaver-drafts';
import { LeaverEffects } from './leaver-effects';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';
import { ReinstatementService } from './reinstatement.service';
import { OffboardingsRepository } from './offboardings.repository';
import { TransferTargets } from './transfer-targets';

@Module({
  imports: [StaffModule],
  controllers: [OffboardingController],
  providers: [OffboardingService, OffboardingsRepository, LeaverEffects, LeaverDrafts, TransferTargets, ReinstatementService],
  exports: [OffboardingService, ReinstatementService],
})
export class OffboardingModule {}
