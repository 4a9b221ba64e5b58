import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DraftView } from '../drafts/draft.view';
import { CompleteTaskDto, PlatformTaskListQuery, ReconcileDto, SandboxPostsQuery, TakeDownDto } from './dto/publishing.dto';
import { PlatformTask } from './platform-task.entity';
import { PublishingService, SandboxPostView } from './publishing.service';

@ApiTags('publishing')
@Controller('api/v1')
export class PublishingController {
  constructor(private readonly publishing: PublishingService) {}

  @Requires(Permission.DraftRetry)
  @Post('drafts/:id/retry')
  @HttpCode(200)
  retry(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DraftView> {
    return this.publishing.retry(caller, id);
  }

  @Requires(Permission.DraftReconcile)
  @Post('drafts/:id/reconcile')
  @HttpCode(200)
  reconcile(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ReconcileDto): Promise<DraftView> {
    return this.publishing.reconcile(caller, id, body);
  }

  @Requires(Permission.DraftTakeDown)
  @Post('drafts/:id/take-down')
  @HttpCode(200)
  takeDown(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: TakeDownDto): Promise<DraftView> {
    return this.publishing.takeDown(caller, id, body.reason);
  }

  /** Managers, admins and staff authorised on the account. */
  @SignedIn()
  @Get('sandbox/posts')
  sandboxPosts(@CurrentCaller() caller: Caller, @Query() query: SandboxPostsQuery): Promise<Page<SandboxPostView>> {
    return this.publishing.sandboxPosts(caller, query);
  }

  @Requires(Permission.PlatformTasks)
  @Get('platform-tasks')
  tasks(@Query() query: PlatformTaskListQuery): Promise<Page<PlatformTask>> {
    return this.publishing.tasks(query);
  }

  @Requires(Permission.PlatformTasks)
  @Post('platform-tasks/:id/complete')
  @HttpCode(200)
  completeTask(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: CompleteTaskDto): Promise<PlatformTask> {
    return this.publishing.completeTask(caller, id, body);
  }
}
