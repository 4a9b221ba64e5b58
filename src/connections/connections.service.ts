import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountClosedError } from '../accounts/accounts-errors';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { addMs, MINUTE } from '../common/time';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Connection } from './connection.entity';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/oauth/callback`;
  }

  async start(caller: Caller, dto: StartConnectionDto): Promise<ConnectionView & { authorizationUrl: string }> {
    return this.transactions.run(async (manager) => {
      if (dto.accountId !== undefined) await this.requireReconnectable(manager, dto.accountId, dto.platform);
      const flow = this.flows.configured(dto.platform);
      const state = randomToken();
      const codeVerifier = randomToken();
      const now = this.clock.nowIso();
      const connection = manager.getRepository(Connection).create({
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
      await manager.getRepository(Connection).insert(connection);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'connection.started',
        subjectType: 'connection',
        subjectId: connection.id,
        details: { platform: connection.platform, accountId: connection.accountId, expiresAt: connection.expiresAt },
      });
      const authorizationUrl = flow.authorizationUrl({ state, redirectUri: this.redirectUri, codeChallenge: pkceChallenge(codeVerifier) });
      return { ...toConnectionView(connection, now), authorizationUrl };
    });
  }

  async get(id: string): Promise<ConnectionView> {
    const connection = await this.dataSource.getRepository(Connection).findOneBy({ id });
    if (!connection) throw new NotFoundError('connection');
    return toConnectionView(connection, this.clock.nowIso());
  }

  /**
   * The platform's answer. The state is claimed first (one conditional update), so a replayed or raced
   * callback finds it used; the code exchange then runs outside any transaction, since it waits on the platform.
   */
  async callback(query: Record<string, unknown>): Promise<CallbackAnswer> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (state === '') return { kind: 'bad_state', reason: 'unknown' };
    const connection = await this.dataSource.getRepository(Connection).findOneBy({ stateHash: hashState(state) });
    if (!connection) return { kind: 'bad_state', reason: 'unknown' };
    const now = this.clock.nowIso();
    if (connection.status === 'expired' || isOverdue(connection, now)) return { kind: 'bad_state', reason: 'expired' };
    if (connection.stateUsedAt !== null || connection.status !== 'pending') return { kind: 'bad_state', reason: 'used' };
    const claimed = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(Connection)
        .set({ stateUsedAt: now, updatedAt: now })
        .where('id = :id AND stateUsedAt IS NULL AND status = :pending', { id: connection.id, pending: 'pending' })
        .execute(),
    );
    if (claimed.affected !== 1) return { kind: 'bad_state', reason: 'used' };

    const outcome = await this.exchange(connection, query);
    await this.transactions.run((manager) => this.settle(manager, connection.id, outcome));
    return { kind: 'redirect', connectionId: connection.id };
  }

  /** Pending and authorised connections past their deadline become expired, their secrets erased. */
  async expireDue(): Promise<number> {
    const now = this.clock.nowIso();
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Connection);
      const due = await repository.find({ where: { status: In(['pending', 'authorised']), expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: SWEEP_BATCH });
      for (const connection of due) {
        const from = connection.status;
        connection.status = CONNECTION_LIFECYCLE.next(from, 'expire');
        sealSecrets(this.vault, connection, null);
        connection.updatedAt = now;
        await repository.save(connection);
        await this.audit.record(manager, { actorId: null, action: 'connection.expired', subjectType: 'connection', subjectId: connection.id, details: { platform: connection.platform, from } });
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
    const connection = await this.transactions.findForUpdate(manager, Connection, id);
    if (!connection || !CONNECTION_LIFECYCLE.can(connection.status, 'authorise')) return;
    const now = this.clock.nowIso();
    connection.updatedAt = now;
    if (outcome.kind === 'granted') {
      connection.status = CONNECTION_LIFECYCLE.next(connection.status, 'authorise');
      connection.authorisedAt = now;
      connection.expiresAt = addMs(now, AUTHORISED_MS);
      connection.candidates = outcome.candidates.map((c) => c.candidate);
      sealSecrets(this.vault, connection, { grants: outcome.candidates.map((c) => ({ externalId: c.candidate.externalId, kind: c.candidate.kind, grant: c.grant })) });
    } else {
      connection.status = CONNECTION_LIFECYCLE.next(connection.status, 'fail');
      connection.failureCode = outcome.code;
      connection.failureMessage = outcome.message;
      sealSecrets(this.vault, connection, null);
    }
    await manager.getRepository(Connection).save(connection);
    await this.audit.record(manager, {
      actorId: null,
      action: outcome.kind === 'granted' ? 'connection.authorised' : 'connection.failed',
      subjectType: 'connection',
      subjectId: connection.id,
      details:
        outcome.kind === 'granted'
          ? { platform: connection.platform, startedById: connection.startedById, candidates: connection.candidates, expiresAt: connection.expiresAt }
          : { platform: connection.platform, startedById: connection.startedById, code: outcome.code, message: outcome.message },
    });
  }

  private async requireReconnectable(manager: EntityManager, accountId: string, platform: string): Promise<void> {
    const account = await manager.getRepository(Account).findOneBy({ id: accountId });
    if (!account) throw new NotFoundError('account');
    if (account.status === 'closed') throw new AccountClosedError();
    if (account.mode === 'sandbox') throw new ValidationFailedError('A sandbox account publishes nowhere and needs no connection.', [{ field: 'accountId', problems: ['is a sandbox account'] }]);
    if (account.platform !== platform) throw new ValidationFailedError(`The account is on ${account.platform}, not ${platform}.`, [{ field: 'platform', problems: [`must be ${account.platform} for this account`] }]);
  }
}
