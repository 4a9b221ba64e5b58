import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { DEFAULT_BOOTSTRAP_EMAIL } from '../../staff/bootstrap-admin';
import { emailKeyOf } from '../../staff/email-key';

export class PasswordLoginDisabledError extends DomainError {
  readonly code = 'PASSWORD_LOGIN_DISABLED';
  readonly kind = 'forbidden';
  constructor() {
    super('Sign in with your organisation’s account; passwords are turned off here.');
  }
}

/**
 * With GATEHOUSE_PASSWORD_LOGIN=false only the bootstrap admin may sign in with a password: the way
 * in when the identity provider is down. Put on the password sign-in routes.
 */
@Injectable()
export class PasswordLoginGuard implements CanActivate {
  private readonly allowed: boolean;
  private readonly bootstrapEmail: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowed = config.identity.passwordLogin;
    this.bootstrapEmail = emailKeyOf(config.bootstrapAdmin.email ?? DEFAULT_BOOTSTRAP_EMAIL);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.allowed) return true;
    const body = context.switchToHttp().getRequest<Request>().body as { email?: unknown } | undefined;
    if (typeof body?.email === 'string' && emailKeyOf(body.email) === this.bootstrapEmail) return true;
    throw new PasswordLoginDisabledError();
  }
}
