import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { WritePath } from '../common/write-path/write-path';
import { newId } from '../common/ids';
import { addMs, MINUTE } from '../common/time';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Transactions } from '../common/database/transactions';
import { Connection } from './connection.entity';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import { ConnectionsRepository } from './connections.repository';
import { hashState, openSecrets, pkceChallenge, randomToken, sealSecrets } from './connection-secrets';
import { ConnectionView, isOverdue, toConnectionView } from './connection.view';
import { StartConnectionDto } from './dto/connection.dto';
import { ExchangeOutcome } from './flows/platform-flow';
import { PlatformFlows } from './flows/platform-flows';

export const PENDING_MS = 15 * MINUTE;
export const AUTHORISED_MS = 30 * MINUTE;
const SWEEP_BATCH = 200;

/** Where the browser goes after the platform sent it back: the connection's page, or a page saying the state is no good. */
export type CallbackAnswer = { kind: 'redirect'; connectionId: string } | { kind: 'bad_state'; reason: 'unknown' | 'used' | 'expired' };

/** Starting a sign-in to a platform, taking the platform's answer, and letting unused connections lapse. */
@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger(ConnectionsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly access: Access,
    private readonly repository: ConnectionsRepository,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/oauth/callback`;
  }

  async start(caller: Caller, dto: StartConnectionDto): Promise<ConnectionView & { authorizationUrl: string }> {
    return this.transactions.run(async (manager) => {
      if (dto.accountId !== undefined) await this.requireReconnectable(caller, dto.accountId, dto.platform);
      const flow = this.flows.configured(dto.platform);
      const state = randomToken();
      const codeVerifier = randomToken();
      const now = this.clock.nowIso();
      const connection = this.repository.create({
        id: newId(),
        platform: dto.platform,
        status: CONNECTION_LIFECYCLE.initial,
        accountId: dto.accountId ?? null,
        startedById: caller.staffId,
        startedAt: now,
        expiresAt: addMs(now, PENDING_MS),
        stateHash: hashState(state),
        stateUsedAt: null,
        authorisedAt: null,
        candidates: [],
        failureCode: null,
        failureMessage: null,
        updatedAt: now,
      });
      sealSecrets(this.vault, connection, { codeVerifier });
      await this.repository.insert(connection);
      await this.writePath.created(manager, CONNECTION_LIFECYCLE, connection, {
        actorId: caller.staffId,
        as: 'started',
        details: { platform: connection.platform, accountId: connection.accountId, expiresAt: connection.expiresAt },
      });
      const authorizationUrl = flow.authorizationUrl({ state, redirectUri: this.redirectUri, codeChallenge: pkceChallenge(codeVerifier) });
      return { ...(await this.view(caller, connection)), authorizationUrl };
    });
  }

  async get(caller: Caller, id: string): Promise<ConnectionView> {
    return this.view(caller, await this.access.requireVisible<Connection>(caller, 'connection', id));
  }

  private async view(caller: Caller, connection: Connection): Promise<ConnectionView> {
    const allowed = await this.access.allowedActions(caller, 'connection', [connection]);
    return toConnectionView(connection, this.clock.nowIso(), allowed.get(connection.id) ?? []);
  }

  /**
   * The platform's answer. The state is claimed first (one conditional update), so a replayed or raced
   * callback finds it used; the code exchange then runs outside any transaction, since it waits on the platform.
   */
  async callback(query: Record<string, unknown>): Promise<CallbackAnswer> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (state === '') return { kind: 'bad_state', reason: 'unknown' };
    const connection = await this.repository.findByStateHash(hashState(state));
    if (!connection) return { kind: 'bad_state', reason: 'unknown' };
    const now = this.clock.nowIso();
    if (CONNECTION_LIFECYCLE.is(connection, 'expired') || isOverdue(connection, now)) return { kind: 'bad_state', reason: 'expired' };
    if (connection.stateUsedAt !== null || !CONNECTION_LIFECYCLE.can(connection.status, 'authorise')) return { kind: 'bad_state', reason: 'used' };
    const claimed = await this.transactions.run(() => this.repository.claimState(connection.id, now));
    if (!claimed) return { kind: 'bad_state', reason: 'used' };

    const outcome = await this.exchange(connection, query);
    await this.transactions.run((manager) => this.settle(manager, connection.id, outcome));
    return { kind: 'redirect', connectionId: connection.id };
  }

  /** Pending and authorised connections past their deadline become expired, their secrets erased: one set-based move per batch. */
  async expireDue(): Promise<number> {
    const now = this.clock.nowIso();
    return this.transactions.run(async (manager) => {
      const due = await this.repository.due(now, SWEEP_BATCH);
      // Set-based per state and platform, so each entry still names both; a job has no request, so no cause.
      const groups = new Map<string, Connection[]>();
      for (const connection of due) groups.set(`${connection.status}|${connection.platform}`, [...(groups.get(`${connection.status}|${connection.platform}`) ?? []), connection]);
      for (const group of groups.values()) {
        const { status: from, platform } = group[0];
        await this.writePath.transitionMany(manager, CONNECTION_LIFECYCLE, group, 'expire', {
          actorId: null,
          set: { secretsCiphertext: null, secretsIv: null, secretsAuthTag: null, updatedAt: now },
          details: { platform, from },
        });
      }
      return due.length;
    });
  }

  private async exchange(connection: Connection, query: Record<string, unknown>): Promise<ExchangeOutcome> {
    if (typeof query.error === 'string' && query.error !== '') {
      const why = typeof query.error_description === 'string' ? query.error_description : query.error;
      return { kind: 'failed', code: 'CONSENT_REFUSED', message: `Permission was not given on the ${connection.platform} consent page (${why}).` };
    }
    if (typeof query.code !== 'string' || query.code === '') return { kind: 'failed', code: 'EXCHANGE_FAILED', message: 'The platform sent the browser back without an authorisation code.' };
    try {
      const { codeVerifier } = openSecrets(this.vault, connection);
      return await this.flows.of(connection.platform).exchange({ code: query.code, redirectUri: this.redirectUri, codeVerifier: codeVerifier ?? '' });
    } catch (error) {
      // The connection must still end failed rather than hang pending with its state used.
      this.logger.error({ err: error, connectionId: connection.id }, 'OAuth code exchange failed unexpectedly');
      return { kind: 'failed', code: 'EXCHANGE_FAILED', message: 'Something went wrong while finishing the sign-in; start again.' };
    }
  }

  private async settle(manager: EntityManager, id: string, outcome: ExchangeOutcome): Promise<void> {
    const connection = await this.repository.findForUpdate(id);
    if (!connection || !CONNECTION_LIFECYCLE.can(connection.status, 'authorise')) return;
    const now = this.clock.nowIso();
    if (outcome.kind === 'granted') {
      const candidates = outcome.candidates.map((c) => c.candidate);
      sealSecrets(this.vault, connection, { grants: outcome.candidates.map((c) => ({ externalId: c.candidate.externalId, kind: c.candidate.kind, grant: c.grant })) });
      const expiresAt = addMs(now, AUTHORISED_MS);
      await this.writePath.transition(manager, CONNECTION_LIFECYCLE, connection, 'authorise', {
        actorId: null,
        set: { authorisedAt: now, expiresAt, candidates, ...secretsOf(connection), updatedAt: now },
        details: { platform: connection.platform, startedById: connection.startedById, candidates, expiresAt },
      });
    } else {
      sealSecrets(this.vault, connection, null);
      await this.writePath.transition(manager, CONNECTION_LIFECYCLE, connection, 'fail', {
        actorId: null,
        set: { failureCode: outcome.code, failureMessage: outcome.message, ...secretsOf(connection), updatedAt: now },
        details: { platform: connection.platform, startedById: connection.startedById, code: outcome.code, message: outcome.message },
      });
    }
  }

  /** Reconnecting is an action on the account (open, live); its platform must match. */
  private async requireReconnectable(caller: Caller, accountId: string, platform: string): Promise<void> {
    const account = await this.access.require<Account>(caller, Permission.AccountReconnect, accountId);
    if (account.platform !== platform) throw new ValidationFailedError(`The account is on ${account.platform}, not ${platform}.`, [{ field: 'platform', problems: [`must be ${account.platform} for this account`] }]);
  }
}

/** The sealed-secret columns, as sealSecrets left them on the row. */
export const secretsOf = (connection: Connection): Pick<Connection, 'secretsCiphertext' | 'secretsIv' | 'secretsAuthTag'> => ({
  secretsCiphertext: connection.secretsCiphertext,
  secretsIv: connection.secretsIv,
  secretsAuthTag: connection.secretsAuthTag,
});
