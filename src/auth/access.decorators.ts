import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Permission } from './permissions';
import { Caller } from './caller';

export const ACCESS_RULE = 'gatehouse:access-rule';

export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission };

/** Open to anyone: login and health only. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in staff member; the service decides what they may see. */
export const SignedIn = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule), ApiBearerAuth());

/** Only callers holding a role that grants the permission. */
export const Requires = (permission: Permission) =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'permission', permission } satisfies AccessRule), ApiBearerAuth());

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest().caller;
});
