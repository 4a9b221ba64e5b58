import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError } from '../../common/errors/generic-errors';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { readCookies, serializeCookie, sessionCookies } from '../web/cookies';
import { Public } from '../access.decorators';
import { OidcSignInService } from './oidc-sign-in.service';
import { SignInMethods } from './dto/sign-in-methods.dto';

/** Ties the callback to the browser that started the sign-in; Lax, as the provider sends the browser back from its own site. */
const BROWSER_COOKIE = 'gh_oidc';
const BROWSER_COOKIE_PATH = '/auth/oidc';
const SIGN_IN_PAGE = '/sign-in';

/** Single sign-on with the organisation's OpenID provider (section 20), and what the sign-in page offers. */
@ApiTags('sessions')
@Controller()
export class OidcController {
  private readonly logger = new Logger('SingleSignOn');
  private readonly secure: boolean;

  constructor(
    private readonly signIns: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
  }

  @Public()
  @Get('api/v1/auth/methods')
  methods(): SignInMethods {
    const oidc = this.config.identity.oidc;
    return { password: this.config.identity.passwordLogin, oidc: oidc ? { name: oidc.name } : null };
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('auth/oidc/login')
  async login(@Res() response: Response): Promise<void> {
    if (!this.config.identity.oidc) throw new NotFoundError('sign-in method');
    response.setHeader('Cache-Control', 'no-store');
    let started: { url: string; browserToken: string };
    try {
      started = await this.signIns.start();
    } catch (error) {
      this.logger.error({ err: error }, 'The OpenID provider could not be reached');
      response.redirect(302, `${SIGN_IN_PAGE}?sso=unavailable`);
      return;
    }
    response.setHeader('Set-Cookie', serializeCookie(BROWSER_COOKIE, started.browserToken, { httpOnly: true, secure: this.secure, sameSite: 'Lax', path: BROWSER_COOKIE_PATH, expires: new Date(Date.now() + 10 * 60_000) }));
    response.redirect(302, started.url);
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('auth/oidc/callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.config.identity.oidc) throw new NotFoundError('sign-in method');
    // The URL as the provider redirected to it: the registered redirect URI plus this query.
    const callbackUrl = new URL(`${this.config.publicUrl}/auth/oidc/callback${request.originalUrl.slice(request.path.length)}`);
    const outcome = await this.signIns.finish(callbackUrl, readCookies(request)[BROWSER_COOKIE]);
    const cleared = serializeCookie(BROWSER_COOKIE, '', { httpOnly: true, secure: this.secure, sameSite: 'Lax', path: BROWSER_COOKIE_PATH, expires: new Date(0) });
    response.setHeader('Cache-Control', 'no-store');
    if (outcome.kind === 'refused') {
      response.setHeader('Set-Cookie', cleared);
      response.redirect(302, `${SIGN_IN_PAGE}?sso=${outcome.refusal}`);
      return;
    }
    response.setHeader('Set-Cookie', [cleared, ...sessionCookies(outcome.token, outcome.expiresAt, this.secure)]);
    response.redirect(302, '/');
  }
}
