import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { RemovalRequestDto } from './dto/concern.dto';
import { RemovalRequestsService } from './removal-requests.service';
import { RemovalRequestResponse } from './dto/concern-response.dto';

@ApiTags('concerns')
@Controller('api/v1/drafts/:id/removal-requests')
export class RemovalRequestsController {
  constructor(private readonly removals: RemovalRequestsService) {}

  /** A colleague shown in the post, or a manager: a published post comes down at once, with no approval step. */
  @SignedIn()
  @Post()
  request(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) draftId: string, @Body() body: RemovalRequestDto): Promise<RemovalRequestResponse> {
    return this.removals.request(caller, draftId, body.reason);
  }
}
