import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/generic-errors';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { rolesGrant } from './permissions';
import { SessionRateLimiter } from './session-rate-limiter';
import { SessionCheck } from './session-check';
import { CSRF_COOKIE, CSRF_HEADER, csrfMatches, readCookies, SESSION_COOKIE } from '../web/cookies';

/**
 * The single access check for every route: who is calling (re-checked on every request), then
 * whether their roles grant the route's permission. A route that declares no rule is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionCheck,
    private readonly rateLimiter: SessionRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<Request & { caller?: unknown }>();
    const token = bearerToken(request) ?? webSessionToken(request);
    if (!token) throw new UnauthenticatedError();
    const caller = await this.sessions.callerFor(token);
    request.caller = caller;
    this.rateLimiter.take(caller.sessionId);

    if (!rule) {
      this.logger.error(`Route ${request.method} ${request.path} declares no access rule; refused`);
      throw new ForbiddenError();
    }
    if (rule.kind === 'permission' && !rolesGrant(caller.roles, rule.permission)) throw new ForbiddenError();
    return true;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The web app's session cookie, used only when no Authorization header is sent. A browser sends
 * cookies on its own, so a state-changing call must also echo the gh_csrf cookie in X-CSRF-Token
 * (double submit), which another site's page cannot read.
 */
function webSessionToken(request: Request): string | null {
  if (request.headers.authorization) return null;
  const cookies = readCookies(request);
  const token = cookies[SESSION_COOKIE];
  if (!token) return null;
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], cookies[CSRF_COOKIE])) {
    throw new ForbiddenError('This request is missing its security token (X-CSRF-Token); reload the page and try again.');
  }
  return token;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
