import { Module } from '@nestjs/common';
import { DpiaModule } from '../dpia/dpia.module';
import { PolicyModule } from '../policy/policy.module';
import { ComplianceReportService } from './compliance-report.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [DpiaModule, PolicyModule],
  controllers: [ReportsController],
  providers: [ComplianceReportService],
})
export class ReportsModule {}
