import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AuthorisationPage, AuthorisationResponse } from './dto/authorisation-response.dto';
import { AuthorisationsService } from './authorisations.service';
import { AccountAuthorisationsQuery, GrantAuthorisationDto, RevokeAuthorisationDto, StaffAuthorisationsQuery } from './dto/authorisation.dto';

@ApiTags('authorisations')
@Controller('api/v1')
export class AuthorisationsController {
  constructor(private readonly authorisations: AuthorisationsService) {}

  /** A manager grants a staff member access to one account. */
  @Requires(Permission.AuthorisationGrant)
  @Post('accounts/:id/authorisations')
  grant(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string, @Body() body: GrantAuthorisationDto): Promise<AuthorisationResponse> {
    return this.authorisations.grant(caller, accountId, body);
  }

  /** Grants on one account, newest first. */
  @Requires(Permission.AuthorisationList)
  @Get('accounts/:id/authorisations')
  listForAccount(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) accountId: string, @Query() query: AccountAuthorisationsQuery): Promise<AuthorisationPage> {
    return this.authorisations.listForAccount(caller, accountId, query);
  }

  /** Every grant a staff member has held, newest first: admins, managers, or the person themselves. */
  @SignedIn()
  @Get('staff/:id/authorisations')
  listForStaff(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) staffId: string, @Query() query: StaffAuthorisationsQuery): Promise<AuthorisationPage> {
    return this.authorisations.listForStaff(caller, staffId, query);
  }

  @Requires(Permission.AuthorisationRevoke)
  @Post('authorisations/:id/revoke')
  @HttpCode(200)
  revoke(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: RevokeAuthorisationDto): Promise<AuthorisationResponse> {
    return this.authorisations.revoke(caller, id, body);
  }
}
