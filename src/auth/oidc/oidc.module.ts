import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { OidcController } from './oidc.controller';
import { OidcProviderClient } from './oidc-provider-client';
import { OidcSignInService } from './oidc-sign-in.service';
import { OidcSignInsRepository } from './oidc-sign-ins.repository';

/** Single sign-on (sessions come from the global AuthModule). */
@Module({
  imports: [StaffModule],
  controllers: [OidcController],
  providers: [OidcProviderClient, OidcSignInService, OidcSignInsRepository],
})
export class OidcModule {}
