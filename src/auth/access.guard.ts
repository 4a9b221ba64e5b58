import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { BodyProblemInterceptor, raiseBodyProblem } from '../common/body-parsing';
import { ForbiddenError } from '../common/errors/generic-errors';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { AccessDecision } from './access-decision';

/**
 * The single access check for every route: who is calling (re-checked on every request), then
 * whether their roles grant the route's permission. A route that declares no rule is refused. Once
 * admitted, a body that could not be parsed is refused (body-parsing.ts), unless the route's own guards
 * come first (its BodyProblemInterceptor raises it after them).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly raisesLater = new Map<Function, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly decision: AccessDecision,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: unknown }>();
    await this.admit(context, request);
    if (!this.bodyProblemRaisedLater(context)) raiseBodyProblem(request);
    return true;
  }

  private async admit(context: ExecutionContext, request: Request & { caller?: unknown }): Promise<void> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return;

    const caller = await this.decision.callerOf(request);
    request.caller = caller;

    if (!rule) {
      this.logger.error(`Route ${request.method} ${request.path} declares no access rule; refused`);
      throw new ForbiddenError();
    }
    this.decision.requireAdmitted(caller, rule);
  }

  private bodyProblemRaisedLater(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let later = this.raisesLater.get(handler);
    if (later === undefined) {
      const interceptors = this.reflector.getAllAndMerge<unknown[]>(INTERCEPTORS_METADATA, [handler, context.getClass()]);
      later = interceptors.includes(BodyProblemInterceptor);
      this.raisesLater.set(handler, later);
    }
    return later;
  }
}
