import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { StaffView } from '../staff/staff.view';
import { CompleteOffboardingTaskDto, OffboardDto } from './dto/offboarding.dto';
import { OffboardingService } from './offboarding.service';
import { ReinstateDto } from './dto/reinstate.dto';
import { ReinstatementService } from './reinstatement.service';
import { OffboardingPreviewView, OffboardingReportView, OffboardingTaskView } from './offboarding.view';

@ApiTags('leavers')
@Controller('api/v1')
export class OffboardingController {
  constructor(
    private readonly offboarding: OffboardingService,
    private readonly reinstatement: ReinstatementService,
  ) {}

  /** Now: 200 {staff, report}. At a future instant: 202 {staff}; access ends then whatever any job does. */
  @Requires(Permission.StaffOffboard)
  @Post('staff/:id/offboard')
  async offboard(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: OffboardDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ staff: StaffView; report?: OffboardingReportView }> {
    const result = await this.offboarding.offboard(caller, id, body);
    if (result.kind === 'scheduled') {
      response.status(202);
      return { staff: result.staff };
    }
    response.status(200);
    return { staff: result.staff, report: result.report };
  }

  /** Cancels a leave that is still in the future. */
  @Requires(Permission.StaffCancelLeave)
  @Delete('staff/:id/offboard')
  @HttpCode(200)
  cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<{ staff: StaffView }> {
    return this.offboarding.cancel(caller, id);
  }

  @Requires(Permission.OffboardingReportRead)
  @Get('staff/:id/offboarding-report')
  report(@Param('id', UuidParamPipe) id: string): Promise<OffboardingReportView> {
    return this.offboarding.report(id);
  }

  /** What offboarding now would do, computed without changing anything. */
  @Requires(Permission.StaffOffboard)
  @Get('staff/:id/offboarding-preview')
  preview(@Param('id', UuidParamPipe) id: string): Promise<OffboardingPreviewView> {
    return this.offboarding.preview(id);
  }

  @Requires(Permission.OffboardingTaskComplete)
  @Post('offboarding-tasks/:id/complete')
  @HttpCode(200)
  completeTask(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: CompleteOffboardingTaskDto): Promise<OffboardingTaskView> {
    return this.offboarding.completeTask(caller, id, body);
  }

  /** A leaver comes back: status active, with no session, authorisation or platform role restored. */
  @Requires(Permission.StaffReinstate)
  @Post('staff/:id/reinstate')
  @HttpCode(200)
  reinstate(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ReinstateDto): Promise<StaffView> {
    return this.reinstatement.reinstate(caller, id, body.reason);
  }
}
