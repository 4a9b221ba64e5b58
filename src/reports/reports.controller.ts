import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { ComplianceReportService } from './compliance-report.service';
import { ComplianceReportView } from './compliance.view';

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ComplianceReportService) {}

  @Requires(Permission.ComplianceReportRead)
  @Get('compliance')
  compliance(): Promise<ComplianceReportView> {
    return this.reports.compliance();
  }
}
