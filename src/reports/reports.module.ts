import { Module } from '@nestjs/common';
import { DpiaModule } from '../dpia/dpia.module';
import { PolicyModule } from '../policy/policy.module';
import { StaffModule } from '../staff/staff.module';
import { ComplianceReportRepository } from './compliance-report.repository';
import { ComplianceReportService } from './compliance-report.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [DpiaModule, PolicyModule, StaffModule],
  controllers: [ReportsController],
  providers: [ComplianceReportService, ComplianceReportRepository],
})
export class ReportsModule {}
