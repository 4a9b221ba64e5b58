import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'crypto';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { ScimError } from './scim-errors';

/** The identity provider's bearer token; without GATEHOUSE_SCIM_TOKEN SCIM does not exist (404). */
@Injectable()
export class ScimGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.scimToken === null ? null : digest(config.scimToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === null) throw new ScimError('not_found', undefined, 'No such resource.');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Compared as fixed-length hashes, so neither the content nor the length leaks through timing.
    if (!match || !timingSafeEqual(digest(match[1]), this.expected)) throw new ScimError('unauthenticated', undefined, 'The bearer token is missing or wrong.');
    return true;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
