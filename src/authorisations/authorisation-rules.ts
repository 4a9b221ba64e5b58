import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';
import { Permission, rolesGrant } from '../auth/permissions';
import { ResourceRules } from '../common/access/resource-rules';
import { Clock } from '../common/clock';
import { Transactions } from '../common/database/transactions';
import { DomainError } from '../common/errors/domain-error';
import { InvalidStateError } from '../common/errors/generic-errors';
import { Authorisation } from './authorisation.entity';

export const AUTHORISATION_ACTIONS = ['revoke'] as const;
export type AuthorisationRuleAction = (typeof AUTHORISATION_ACTIONS)[number];

/** What may be done to a grant (API.md section 8), for both the revoke check and `allowedActions`. */
@Injectable()
export class AuthorisationRules implements ResourceRules<Authorisation, AuthorisationRuleAction, { nowIso: string }> {
  readonly type = 'authorisation';
  readonly actions = { revoke: Permission.AuthorisationRevoke } as const;

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<Authorisation | null> {
    return this.transactions.findById(manager, Authorisation, id, options);
  }

  async facts(): Promise<{ nowIso: string }> {
    return { nowIso: this.clock.nowIso() };
  }

  /** Those who may list grants, and the person granted (their own list). */
  visible(caller: Caller, row: Authorisation): boolean {
    return row.staffId === caller.staffId || rolesGrant(caller.roles, Permission.AuthorisationList);
  }

  refusal(_caller: Caller, _action: AuthorisationRuleAction, row: Authorisation, { nowIso }: { nowIso: string }): DomainError | null {
    if (row.revokedAt !== null) return new InvalidStateError('This authorisation has already been revoked.', { revokedAt: row.revokedAt });
    if (!row.isActiveAt(nowIso)) return new InvalidStateError('This authorisation has already expired.', { expiresAt: row.expiresAt });
    return null;
  }
}
