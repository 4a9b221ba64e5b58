import { Module } from '@nestjs/common';
import { OidcController } from './oidc.controller';
import { OidcProviderClient } from './oidc-provider-client';
import { OidcSignInService } from './oidc-sign-in.service';

/** Single sign-on (sessions come from the global AuthModule). */
@Module({
  controllers: [OidcController],
  providers: [OidcProviderClient, OidcSignInService],
})
export class OidcModule {}
