import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DraftResponse } from '../drafts/dto/draft-response.dto';
import { ApprovalsService } from './approvals.service';
import { QueuePage } from './dto/queue-response.dto';
import { ApprovalQueueQuery, ApproveDraftDto, RejectDraftDto, RequestChangesDto } from './dto/approval.dto';

@ApiTags('approvals')
@Controller('api/v1')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** Submitted drafts waiting for a manager, oldest first, with findings, consent state and `waitingSince`. */
  @Requires(Permission.DraftReview)
  @Get('approvals')
  queue(@CurrentCaller() caller: Caller, @Query() query: ApprovalQueueQuery): Promise<QueuePage> {
    return this.approvals.queue(caller, query);
  }

  /** Approve the revision you reviewed; with enough distinct approvals the draft is scheduled or starts publishing. */
  @Requires(Permission.DraftApprove)
  @HttpCode(200)
  @Post('drafts/:id/approve')
  approve(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ApproveDraftDto): Promise<DraftResponse> {
    return this.approvals.approve(caller, id, body);
  }

  @Requires(Permission.DraftRequestChanges)
  @HttpCode(200)
  @Post('drafts/:id/request-changes')
  requestChanges(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: RequestChangesDto): Promise<DraftResponse> {
    return this.approvals.requestChanges(caller, id, body);
  }

  /** Final. */
  @Requires(Permission.DraftReject)
  @HttpCode(200)
  @Post('drafts/:id/reject')
  reject(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: RejectDraftDto): Promise<DraftResponse> {
    return this.approvals.reject(caller, id, body);
  }

  /** A held draft goes back to scheduled or publishing. */
  @Requires(Permission.DraftConfirm)
  @HttpCode(200)
  @Post('drafts/:id/confirm')
  confirm(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DraftResponse> {
    return this.approvals.confirm(caller, id);
  }
}
