import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Platform } from '../accounts/account.entity';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { PlatformCredentials } from '../accounts/vault/platform-credentials';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { InvalidStateError, ValidationFailedError } from '../common/errors/generic-errors';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import { WritePath } from '../common/write-path/write-path';
import { ConnectionsRepository } from './connections.repository';
import { Candidate, Connection, PLATFORM_OF_KIND } from './connection.entity';
import { openSecrets, sealSecrets } from './connection-secrets';
import { Grant } from './flows/platform-flow';
import { PlatformFlows } from './flows/platform-flows';

export interface TakenGrant {
  candidate: Candidate;
  grant: Grant;
  /** What the vault keeps for the account: the token, and the app it refreshes through where the platform refreshes. */
  credentials: PlatformCredentials;
  /** The admin whose platform sign-in issued the token. */
  authorisedById: string;
  /** Ends the connection (used, its tokens erased), following from the account's entry; call it in the same transaction. */
  markUsed: (cause: AuditEntry) => Promise<void>;
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
 * Hands an authorised connection's token for one candidate to the accounts module, once: with `markUsed`
 * the connection becomes `used` and its remaining tokens are erased in the caller's transaction.
 */
@Injectable()
export class ConnectionUse {
  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly access: Access,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  async take(manager: EntityManager, caller: Caller, connectionId: string, target: UseTarget): Promise<TakenGrant> {
    // A connection id in a body that names nothing is a bad field, not a missing resource.
    if (!(await this.repository.find(connectionId))) throw new ValidationFailedError('No such connection.', [{ field: 'connectionId', problems: ['is not a connection'] }]);
    const connection = await this.access.require<Connection>(caller, Permission.ConnectionChoose, connectionId, manager);
    const now = this.clock.nowIso();
    if (connection.accountId !== null && (!target.reconnecting || connection.accountId !== target.accountId)) {
      throw new ValidationFailedError('This connection was started to reconnect another account.', [{ field: 'connectionId', problems: ['belongs to another account'] }]);
    }
    const candidate = connection.candidates.find((c) => c.externalId === target.externalId && PLATFORM_OF_KIND[c.kind] === target.platform);
    if (!candidate) throw target.notGranted();
    const grant = (openSecrets(this.vault, connection).grants ?? []).find((g) => g.externalId === candidate.externalId && g.kind === candidate.kind)?.grant;
    if (!grant) throw new InvalidStateError('This connection no longer holds its tokens; sign in to the platform again.');

    // Facebook Page tokens are never refreshed; LinkedIn and YouTube ones refresh through the app that issued them.
    const app = connection.platform === 'linkedin' || connection.platform === 'youtube' ? this.flows.clientOf(connection.platform) : null;
    const credentials: PlatformCredentials = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      clientId: app?.id ?? null,
      clientSecret: app?.secret ?? null,
      accessTokenExpiresAt: grant.accessTokenExpiresAt,
    };
    // Marked used after the account's own entry, which the connection's entry then follows from.
    const markUsed = async (cause: AuditEntry): Promise<void> => {
      sealSecrets(this.vault, connection, null);
      await this.writePath.transition(manager, CONNECTION_LIFECYCLE, connection, 'use', {
        actorId: caller.staffId,
        set: { accountId: target.accountId, secretsCiphertext: null, secretsIv: null, secretsAuthTag: null, updatedAt: now },
        details: { platform: connection.platform, accountId: target.accountId, externalId: candidate.externalId, kind: candidate.kind, reconnecting: target.reconnecting },
        cause,
      });
    };
    return { candidate, grant, credentials, authorisedById: connection.startedById, markUsed };
  }
}
