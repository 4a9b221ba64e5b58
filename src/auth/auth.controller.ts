import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OwnProfile } from '../staff/own-profile';
import { StaffService } from '../staff/staff.service';
import { StaffView } from '../staff/staff.view';
import { CurrentCaller, Public, SignedIn } from './access.decorators';
import { Caller } from './caller';
import { ChangePasswordDto, LoginDto } from './dto/login.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly staff: StaffService,
    private readonly ownProfile: OwnProfile,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto): Promise<{ token: string; expiresAt: string; staff: StaffView }> {
    const result = await this.sessions.login(body.email, body.password);
    return { token: result.token, expiresAt: result.expiresAt, staff: await this.staff.view(result.staff) };
  }

  @SignedIn()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentCaller() caller: Caller): Promise<void> {
    return this.sessions.logout(caller);
  }

  @SignedIn()
  @Get('me')
  me(@CurrentCaller() caller: Caller): Promise<StaffView> {
    return this.ownProfile.of(caller);
  }

  @SignedIn()
  @Post('me/password')
  @HttpCode(204)
  changePassword(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordDto): Promise<void> {
    return this.sessions.changePassword(caller, body.currentPassword, body.newPassword);
  }
}
