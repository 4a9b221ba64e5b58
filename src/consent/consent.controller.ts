import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ConsentService } from './consent.service';
import { ConsentRequestPage, ConsentRequestResponse } from './dto/consent-response.dto';
import { ConsentDecisionDto, ConsentListQuery } from './dto/consent.dto';

@ApiTags('consent')
@Controller('api/v1/consent-requests')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  /** Requests for your consent to images of you in drafts, newest first. */
  @SignedIn()
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ConsentListQuery): Promise<ConsentRequestPage> {
    return this.consent.listOwn(caller, query);
  }

  /** Grant or refuse consent to a request addressed to you. */
  @SignedIn()
  @HttpCode(200)
  @Post(':id/decision')
  decide(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ConsentDecisionDto): Promise<ConsentRequestResponse> {
    return this.consent.decide(caller, id, body);
  }
}
