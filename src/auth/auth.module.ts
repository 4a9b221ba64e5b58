import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { StaffModule } from '../staff/staff.module';
import { AccessDecision } from './access-decision';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { LoginQueue } from './login-queue';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottle } from './login-throttle';
import { SessionCheck } from './session-check';
import { SessionRateLimiter } from './session-rate-limiter';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';

@Global()
@Module({
  imports: [StaffModule],
  controllers: [AuthController],
  providers: [SessionsService, SessionsRepository, SessionCheck, SignInService, LoginQueue, LoginThrottle, LoginAttemptsRepository, SessionRateLimiter, AccessDecision, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionsService, SessionsRepository, SessionCheck, SignInService, AccessDecision],
})
export class AuthModule {}
