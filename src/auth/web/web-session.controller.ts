import { Body, Controller, Delete, HttpCode, Inject, Ip, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { BodyProblemInterceptor } from '../../common/body-parsing';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Public, SignedIn } from '../access.decorators';
import { Caller } from '../caller';
import { LoginDto } from '../dto/login.dto';
import { SessionsService } from '../sessions.service';
import { PasswordLoginGuard } from '../oidc/password-login.guard';
import { SignInService } from '../sign-in.service';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { StaffService } from '../../staff/staff.service';
import { StaffView } from '../../staff/staff.view';
import { CSRF_COOKIE, serializeCookie, SESSION_COOKIE, sessionCookies } from './cookies';

/**
 * Sign-in and sign-out for the web app: the same sessions as POST /api/v1/auth/login, but the token
 * travels in an httpOnly cookie the page's script never sees, with a CSRF cookie beside it.
 */
@ApiTags('web')
@Controller('web/session')
export class WebSessionController {
  private readonly secure: boolean;

  constructor(
    private readonly sessions: SessionsService,
    private readonly staff: StaffService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly signIns: SignInService,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
  }

  /** Signs in; sets gh_session (httpOnly) and gh_csrf (to echo in X-CSRF-Token). Refusals as for /api/v1/auth/login. */
  @Public()
  @UseGuards(PasswordLoginGuard)
  @UseInterceptors(BodyProblemInterceptor)
  @Post()
  @HttpCode(200)
  async signIn(@Body() body: LoginDto, @Ip() clientAddress: string, @Res({ passthrough: true }) response: Response): Promise<{ expiresAt: string; staff: StaffView }> {
    const result = await this.signIns.login(body.email, body.password, clientAddress);
    response.setHeader('Set-Cookie', sessionCookies(result.token, result.expiresAt, this.secure));
    response.setHeader('Cache-Control', 'no-store');
    return { expiresAt: result.expiresAt, staff: await this.staff.viewAsSelf(result.staff) };
  }

  /** Signs out: the session is revoked at once and both cookies are cleared. */
  @SignedIn()
  @Delete()
  @HttpCode(204)
  async signOut(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.logout(caller);
    const past = new Date(0);
    response.setHeader('Set-Cookie', [
      serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure: this.secure, expires: past }),
      serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure: this.secure, expires: past }),
    ]);
  }
}
