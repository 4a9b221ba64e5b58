import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError } from '../common/errors/generic-errors';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { AccessDecision } from './access-decision';

/**
 * The single access check for every route: who is calling (re-checked on every request), then
 * whether their roles grant the route's permission. A route that declares no rule is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly decision: AccessDecision,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<Request & { caller?: unknown }>();
    const caller = await this.decision.callerOf(request);
    request.caller = caller;

    if (!rule) {
      this.logger.error(`Route ${request.method} ${request.path} declares no access rule; refused`);
      throw new ForbiddenError();
    }
    this.decision.requireAdmitted(caller, rule);
    return true;
  }
}
