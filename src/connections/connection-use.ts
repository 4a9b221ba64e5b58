import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Platform } from '../accounts/account.entity';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { PlatformCredentials } from '../accounts/vault/platform-credentials';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { InvalidStateError, ValidationFailedError } from '../common/errors/generic-errors';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import { Transactions } from '../database/transactions';
import { Candidate, Connection, PLATFORM_OF_KIND } from './connection.entity';
import { openSecrets, sealSecrets } from './connection-secrets';
import { isOverdue } from './connection.view';
import { Grant } from './flows/platform-flow';
import { PlatformFlows } from './flows/platform-flows';

export interface TakenGrant {
  candidate: Candidate;
  grant: Grant;
  /** What the vault keeps for the account: the token, and the app it refreshes through where the platform refreshes. */
  credentials: PlatformCredentials;
  /** The admin whose platform sign-in issued the token. */
  authorisedById: string;
}

export interface UseTarget {
  platform: Platform;
  externalId: string;
  /** The account the tokens go to (new or reconnected). */
  accountId: string;
  /** True when reconnecting an existing account. */
  reconnecting: boolean;
  /** The refusal when the candidate is not among those granted. */
  notGranted: () => DomainError;
}

/**
 * Hands an authorised connection's token for one candidate to the accounts module, once: the connection
 * becomes `used` and its remaining tokens are erased in the caller's transaction.
 */
@Injectable()
export class ConnectionUse {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  async take(manager: EntityManager, caller: Caller, connectionId: string, target: UseTarget): Promise<TakenGrant> {
    const connection = await this.transactions.findForUpdate(manager, Connection, connectionId);
    if (!connection) throw new ValidationFailedError('No such connection.', [{ field: 'connectionId', problems: ['is not a connection'] }]);
    const now = this.clock.nowIso();
    // Past its deadline it counts as expired even before the sweep has marked it.
    const to = CONNECTION_LIFECYCLE.next(isOverdue(connection, now) ? 'expired' : connection.status, 'use');
    if (connection.accountId !== null && (!target.reconnecting || connection.accountId !== target.accountId)) {
      throw new ValidationFailedError('This connection was started to reconnect another account.', [{ field: 'connectionId', problems: ['belongs to another account'] }]);
    }
    const candidate = connection.candidates.find((c) => c.externalId === target.externalId && PLATFORM_OF_KIND[c.kind] === target.platform);
    if (!candidate) throw target.notGranted();
    const grant = (openSecrets(this.vault, connection).grants ?? []).find((g) => g.externalId === candidate.externalId && g.kind === candidate.kind)?.grant;
    if (!grant) throw new InvalidStateError('This connection no longer holds its tokens; sign in to the platform again.');

    connection.status = to;
    connection.accountId = target.accountId;
    connection.updatedAt = now;
    sealSecrets(this.vault, connection, null);
    await manager.getRepository(Connection).save(connection);
    await this.audit.record(manager, {
      actorId: caller.staffId,
      action: 'connection.used',
      subjectType: 'connection',
      subjectId: connection.id,
      details: { platform: connection.platform, accountId: target.accountId, externalId: candidate.externalId, kind: candidate.kind, reconnecting: target.reconnecting },
    });
    // Facebook Page tokens are never refreshed; LinkedIn and YouTube ones refresh through the app that issued them.
    const app = connection.platform === 'linkedin' || connection.platform === 'youtube' ? this.flows.clientOf(connection.platform) : null;
    const credentials: PlatformCredentials = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      clientId: app?.id ?? null,
      clientSecret: app?.secret ?? null,
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
    };
    return { candidate, grant, credentials, authorisedById: connection.startedById };
  }
}
