import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { CreatePolicyDto } from './dto/policy.dto';
import { AcknowledgementReport, AcknowledgementView, PolicyService } from './policy.service';
import { PolicyView } from './policy.view';

@ApiTags('policy')
@Controller('api/v1/policies')
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  @Requires(Permission.PolicyCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: CreatePolicyDto): Promise<PolicyView> {
    return this.policies.create(caller, body);
  }

  @SignedIn()
  @Get('current')
  current(): Promise<PolicyView> {
    return this.policies.current();
  }

  /** 201 the first time, 200 with the same acknowledgement after. */
  @SignedIn()
  @Post('current/acknowledgements')
  async acknowledge(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response): Promise<AcknowledgementView> {
    const { acknowledgement, created } = await this.policies.acknowledge(caller);
    response.status(created ? 201 : 200);
    return acknowledgement;
  }

  @Requires(Permission.PolicyAcknowledgementReport)
  @Get('current/acknowledgements')
  report(): Promise<AcknowledgementReport> {
    return this.policies.acknowledgementReport();
  }
}
