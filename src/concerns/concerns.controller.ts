import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ConcernPage, ConcernResponse } from './dto/concern-response.dto';
import { ConcernsService } from './concerns.service';
import { AssignConcernDto, BreachDecisionDto, ConcernListQuery, ConcernNoteDto, HrAdviceDto, RaiseConcernDto, ResolveConcernDto } from './dto/concern.dto';

@ApiTags('concerns')
@Controller('api/v1/concerns')
export class ConcernsController {
  constructor(private readonly concerns: ConcernsService) {}

  /** Any member of staff raises a concern; about personal data, it opens a breach with the ICO's 72 hours. */
  @SignedIn()
  @Post()
  raise(@CurrentCaller() caller: Caller, @Body() body: RaiseConcernDto): Promise<ConcernResponse> {
    return this.concerns.raise(caller, body);
  }

  /** The concerns the caller may see, newest first. */
  @SignedIn()
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ConcernListQuery): Promise<ConcernPage> {
    return this.concerns.list(caller, query);
  }

  @SignedIn()
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<ConcernResponse> {
    return this.concerns.get(caller, id);
  }

  /** Adds to the investigation record; answers with the concern and its notes. */
  @Requires(Permission.ConcernInvestigate)
  @Post(':id/notes')
  addNote(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ConcernNoteDto): Promise<ConcernResponse> {
    return this.concerns.addNote(caller, id, body.text);
  }

  @Requires(Permission.ConcernManage)
  @Post(':id/assign')
  @HttpCode(200)
  assign(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: AssignConcernDto): Promise<ConcernResponse> {
    return this.concerns.assign(caller, id, body);
  }

  @Requires(Permission.ConcernManage)
  @Post(':id/hr-advice')
  @HttpCode(200)
  hrAdvice(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: HrAdviceDto): Promise<ConcernResponse> {
    return this.concerns.seekHrAdvice(caller, id, body.note);
  }

  /** 409 BREACH_UNDECIDED while its breach has no decision. */
  @Requires(Permission.ConcernManage)
  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ResolveConcernDto): Promise<ConcernResponse> {
    return this.concerns.resolve(caller, id, body.outcome);
  }

  @Requires(Permission.ConcernBreachDecide)
  @Post(':id/breach-decision')
  @HttpCode(200)
  decideBreach(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: BreachDecisionDto): Promise<ConcernResponse> {
    return this.concerns.decideBreach(caller, id, body);
  }
}
