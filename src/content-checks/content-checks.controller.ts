import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { ContentChecksService } from './content-checks.service';
import { ContentCheckDto, ContentCheckResultDto } from './dto/content-check.dto';

@ApiTags('content checks')
@Controller('api/v1/content-checks')
export class ContentChecksController {
  constructor(private readonly contentChecks: ContentChecksService) {}

  /** Runs the content checks on a post for an account the caller may see; stores nothing. 404 for an account they may not see. */
  @SignedIn()
  @Post()
  @HttpCode(200)
  check(@CurrentCaller() caller: Caller, @Body() body: ContentCheckDto): Promise<ContentCheckResultDto> {
    return this.contentChecks.check(caller, body);
  }
}
