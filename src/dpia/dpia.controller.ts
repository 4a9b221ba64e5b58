import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DpiaHistoryQuery, SaveDpiaDto, SignOffDpiaDto } from './dto/dpia.dto';
import { DpiaService } from './dpia.service';
import { DpiaPage, DpiaResponse } from './dto/dpia-response.dto';

@ApiTags('dpia')
@Controller('api/v1/accounts/:id/dpia')
export class DpiaController {
  constructor(private readonly dpias: DpiaService) {}

  /** The newest version (status not_started before any). */
  @Requires(Permission.DpiaRead)
  @Get()
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string): Promise<DpiaResponse> {
    return this.dpias.get(caller, accountId);
  }

  /** Saves a draft; editing an approved DPIA opens a new version and the approved one stays in force. */
  @Requires(Permission.DpiaEdit)
  @Put()
  save(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string, @Body() body: SaveDpiaDto): Promise<DpiaResponse> {
    return this.dpias.save(caller, accountId, body);
  }

  /** Sends the draft to the DPO; 409 DPIA_INCOMPLETE without a purpose or a risk. */
  @Requires(Permission.DpiaEdit)
  @Post('submit')
  @HttpCode(200)
  submit(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string): Promise<DpiaResponse> {
    return this.dpias.submit(caller, accountId);
  }

  /** The DPO approves or rejects; never the person who submitted it. */
  @Requires(Permission.DpiaSignOff)
  @Post('sign-off')
  @HttpCode(200)
  signOff(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string, @Body() body: SignOffDpiaDto): Promise<DpiaResponse> {
    return this.dpias.signOff(caller, accountId, body);
  }

  /** Every version, newest first; the same readers as the DPIA itself. */
  @Requires(Permission.DpiaRead)
  @Get('history')
  history(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string, @Query() query: DpiaHistoryQuery): Promise<DpiaPage> {
    return this.dpias.history(caller, accountId, query);
  }
}
