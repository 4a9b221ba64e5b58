import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/generic-errors';
import { CSRF_COOKIE, CSRF_HEADER, csrfMatches, readCookies, SESSION_COOKIE } from './web/cookies';
import { AccessRule } from './access.decorators';
import { Caller } from './caller';
import { rolesGrant } from './permissions';
import { SessionCheck } from './session-check';
import { SessionRateLimiter } from './session-rate-limiter';

/**
 * The guard's decision, for every way into the process (routes, and middleware such as the queue
 * dashboard): who is calling, re-checked on every request and counted against their session's budget,
 * then whether their roles grant the rule's permission.
 */
@Injectable()
export class AccessDecision {
  constructor(
    private readonly sessions: SessionCheck,
    private readonly rateLimiter: SessionRateLimiter,
  ) {}

  /** The caller of a request, counted towards their session's rate limit: 401 without a live session, 429 over it. */
  async callerOf(request: Request): Promise<Caller> {
    const token = bearerToken(request) ?? webSessionToken(request);
    if (!token) throw new UnauthenticatedError();
    const caller = await this.sessions.callerFor(token);
    this.rateLimiter.take(caller.sessionId);
    return caller;
  }

  /** 403 unless the rule admits the caller. */
  requireAdmitted(caller: Caller, rule: Exclude<AccessRule, { kind: 'public' }>): void {
    if (rule.kind === 'permission' && !rolesGrant(caller.roles, rule.permission)) throw new ForbiddenError();
  }

  /** Both, for a request under one rule. */
  async admit(request: Request, rule: Exclude<AccessRule, { kind: 'public' }>): Promise<Caller> {
    const caller = await this.callerOf(request);
    this.requireAdmitted(caller, rule);
    return caller;
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
