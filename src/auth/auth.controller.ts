import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { BodyProblemInterceptor } from '../common/body-parsing';
import { ApiTags } from '@nestjs/swagger';
import { OwnProfile } from '../staff/own-profile';
import { StaffService } from '../staff/staff.service';
import { StaffView } from '../staff/staff.view';
import { CurrentCaller, Public, SignedIn } from './access.decorators';
import { Caller } from './caller';
import { CallerAction, callerActions } from './caller-actions';
import { ChangePasswordDto, LoginDto } from './dto/login.dto';
import { SessionsService } from './sessions.service';
import { PasswordLoginGuard } from './oidc/password-login.guard';
import { SignInService } from './sign-in.service';

@ApiTags('sessions')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly staff: StaffService,
    private readonly signIn: SignInService,
    private readonly ownProfile: OwnProfile,
  ) {}

  @Public()
  @UseGuards(PasswordLoginGuard)
  @UseInterceptors(BodyProblemInterceptor)
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Ip() clientAddress: string): Promise<{ token: string; expiresAt: string; staff: StaffView }> {
    const result = await this.signIn.login(body.email, body.password, clientAddress);
    return { token: result.token, expiresAt: result.expiresAt, staff: await this.staff.viewAsSelf(result.staff) };
  }

  @SignedIn()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentCaller() caller: Caller): Promise<void> {
    return this.sessions.logout(caller);
  }

  @SignedIn()
  @Get('me')
  async me(@CurrentCaller() caller: Caller): Promise<StaffView & { callerActions: CallerAction[] }> {
    return { ...(await this.ownProfile.of(caller)), callerActions: callerActions(caller) };
  }

  @SignedIn()
  @Post('me/password')
  @HttpCode(204)
  changePassword(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordDto, @Ip() clientAddress: string): Promise<void> {
    return this.signIn.changePassword(caller, body.currentPassword, body.newPassword, clientAddress);
  }
}
