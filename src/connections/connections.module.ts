import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { JobsModule } from '../jobs/jobs.module';
import { PlatformHttp } from '../publishing/platforms/platform-http';
import { ConnectionJobs } from './connection-jobs';
import { ConnectionRules } from './connection-rules';
import { ConnectionUse } from './connection-use';
import { ConnectionsRepository } from './connections.repository';
import { AccountCredentialsCheckController, ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { CredentialHealth } from './credential-health';
import { PlatformFlows } from './flows/platform-flows';
import { OAuthCallbackController } from './oauth-callback.controller';

/** Connecting accounts by signing in to the platform (OAuth) and keeping them connected. Global so accounts can take a connection's token. */
@Global()
@Module({
  imports: [JobsModule],
  controllers: [ConnectionsController, OAuthCallbackController, AccountCredentialsCheckController],
  providers: [PlatformHttp, PlatformFlows, ConnectionsService, ConnectionUse, CredentialHealth, ConnectionJobs, ConnectionRules, ConnectionsRepository],
  exports: [ConnectionUse, ConnectionsService, CredentialHealth],
})
export class ConnectionsModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: ConnectionRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
