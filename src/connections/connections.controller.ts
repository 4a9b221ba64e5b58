import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ConnectionsService } from './connections.service';
import { CredentialHealth } from './credential-health';
import { ConnectionResponse, CredentialsCheckResponse, StartConnectionDto, StartedConnectionResponse } from './dto/connection.dto';

@ApiTags('connections')
@Controller('api/v1/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** Starts a sign-in to the platform; send the browser to `authorizationUrl`. 409 PLATFORM_APP_NOT_CONFIGURED, ACCOUNT_CLOSED. */
  @Requires(Permission.AccountCredentials)
  @Post()
  start(@CurrentCaller() caller: Caller, @Body() body: StartConnectionDto): Promise<StartedConnectionResponse> {
    return this.connections.start(caller, body);
  }

  /** What the platform login may publish to (`candidates`), or why the connection failed. */
  @Requires(Permission.AccountCredentials)
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<ConnectionResponse> {
    return this.connections.get(caller, id);
  }
}

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountCredentialsCheckController {
  constructor(private readonly health: CredentialHealth) {}

  /** Asks the platform whether the stored token still works; a dead one sets `credentialsInvalid`. */
  @Requires(Permission.AccountCredentialsCheck)
  @Post(':id/credentials/check')
  @HttpCode(200)
  check(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<CredentialsCheckResponse> {
    return this.health.checkFor(caller, id);
  }
}
