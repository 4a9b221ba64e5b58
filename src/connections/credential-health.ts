import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountClosedError, CredentialsMissingError } from '../accounts/accounts-errors';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { PlatformCredentials } from '../accounts/vault/platform-credentials';
import { accessTokenExpiry, sealRefreshed } from '../accounts/vault/token-expiry';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { DAY } from '../common/time';
import { Transactions } from '../database/transactions';
import { PlatformAppNotConfiguredError, PlatformUnavailableError } from './connections-errors';
import { Grant, PlatformFlow, StoredToken } from './flows/platform-flow';
import { PlatformFlows } from './flows/platform-flows';

/** Refresh what can be refreshed this long before it expires (API.md section 15). */
export const REFRESH_WITHIN_MS = 7 * DAY;

export interface CredentialsCheck {
  valid: boolean;
  expiresAt: string | null;
  scopes: string[];
  checkedAt: string;
}

interface Inspection {
  valid: boolean;
  expiresAt: string | null;
  scopes: string[];
  refreshed: Grant | null;
  reason: string | null;
  /** The app the token was refreshed through, kept with it for the next refresh. */
  client: { id: string; secret: string } | null;
}

export interface DailyCheckResult {
  checked: number;
  invalidated: number;
  refreshed: number;
  skipped: number;
}

/**
 * Asks the platform whether an account's stored token still works, refreshes it when it is close to
 * expiry (or already refused) where the platform allows, and flags a dead one before a post fails on it.
 */
@Injectable()
export class CredentialHealth {
  private readonly logger = new Logger(CredentialHealth.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  async check(actorId: string | null, accountId: string): Promise<CredentialsCheck> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ id: accountId });
    if (!account) throw new NotFoundError('account');
    if (account.status === 'closed') throw new AccountClosedError();
    if (account.mode === 'sandbox') throw new ValidationFailedError('A sandbox account holds no platform credentials to check.');
    if (!account.hasCredentials) throw new CredentialsMissingError();
    const credentials = await this.vault.open(account.id);
    const token = this.storedToken(account, credentials);
    // Platform calls happen outside any transaction: they wait on the network.
    const inspection = await this.inspect(this.flows.of(account.platform), account, credentials, token);
    return this.transactions.run((manager) => this.record(manager, actorId, account.id, inspection));
  }

  /** Every live account with credentials, one at a time; a platform that does not answer is tried again tomorrow. */
  async checkAll(): Promise<DailyCheckResult> {
    const accounts = await this.dataSource.getRepository(Account).find({
      where: { mode: 'live', status: Not('closed' as const), credentialsCiphertext: Not(IsNull()) },
      select: { id: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const result: DailyCheckResult = { checked: 0, invalidated: 0, refreshed: 0, skipped: 0 };
    for (const { id } of accounts) {
      const before = await this.dataSource.getRepository(Account).findOneByOrFail({ id });
      try {
        const outcome = await this.check(null, id);
        result.checked++;
        if (!outcome.valid && !before.credentialsInvalid) result.invalidated++;
        const after = await this.dataSource.getRepository(Account).findOneByOrFail({ id });
        if (after.credentialsCiphertext !== before.credentialsCiphertext) result.refreshed++;
      } catch (error) {
        result.skipped++;
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`Credentials check of account ${id} skipped: ${error.message}`);
      }
    }
    return result;
  }

  private storedToken(account: Account, credentials: PlatformCredentials): StoredToken {
    const flow = this.flows.of(account.platform);
    const configured = this.flows.clientOf(account.platform);
    const stored = credentials.clientId && credentials.clientSecret ? { id: credentials.clientId, secret: credentials.clientSecret } : null;
    // The same app with a rotated secret: the configured secret is the current one.
    const client = stored && configured && stored.id === configured.id ? configured : stored;
    // Google's tokeninfo needs no app; the others, and every refresh, do.
    if (!client && !flow.configured) throw new PlatformAppNotConfiguredError(account.platform, flow.variables);
    return { accessToken: credentials.accessToken, refreshToken: credentials.refreshToken, client };
  }

  private async inspect(flow: PlatformFlow, account: Account, credentials: PlatformCredentials, token: StoredToken): Promise<Inspection> {
    const tokenExpiry = accessTokenExpiry(credentials, account);
    const dueSoon = tokenExpiry !== null && Date.parse(tokenExpiry) - REFRESH_WITHIN_MS <= this.clock.now().getTime();
    let refreshed: Grant | null = null;
    let current = token;
    const refresh = async (): Promise<string | null> => {
      const attempt = flow.refresh(current);
      if (attempt === null) return null;
      const result = await attempt;
      if (result.kind === 'unavailable') throw new PlatformUnavailableError(`The ${account.platform} token could not be refreshed now: ${result.message}`);
      if (result.kind === 'invalid') return result.message;
      refreshed = result.grant;
      current = { ...current, accessToken: result.grant.accessToken, refreshToken: result.grant.refreshToken };
      return null;
    };
    const refusedEarly = dueSoon ? await refresh() : null;
    if (refusedEarly !== null) return { valid: false, expiresAt: tokenExpiry, scopes: [], refreshed: null, reason: refusedEarly, client: token.client };

    let answer = await flow.check(current);
    if (answer.kind === 'unavailable') throw new PlatformUnavailableError(`${account.platform} did not say whether the token works: ${answer.message}`);
    // An access token that died early (a short-lived Google one, say) may still be renewed.
    if (!answer.valid && refreshed === null && current.refreshToken) {
      const refused = await refresh();
      if (refused !== null) return { valid: false, expiresAt: answer.expiresAt, scopes: answer.scopes, refreshed: null, reason: refused, client: token.client };
      if (refreshed !== null) {
        answer = await flow.check(current);
        if (answer.kind === 'unavailable') throw new PlatformUnavailableError(`${account.platform} did not say whether the token works: ${answer.message}`);
      }
    }
    return { valid: answer.valid, expiresAt: answer.expiresAt, scopes: answer.scopes, refreshed, reason: answer.valid ? null : `${account.platform} says the stored token no longer works`, client: token.client };
  }

  private async record(manager: EntityManager, actorId: string | null, accountId: string, inspection: Inspection): Promise<CredentialsCheck> {
    const account = await this.transactions.findForUpdate(manager, Account, accountId);
    if (!account) throw new NotFoundError('account');
    const checkedAt = this.clock.nowIso();
    const repository = manager.getRepository(Account);
    const refreshed = inspection.refreshed as Grant | null;
    if (refreshed) {
      const current = await this.vault.open(account.id, manager);
      sealRefreshed(this.vault, account, current, { ...refreshed, client: inspection.client });
      account.updatedAt = checkedAt;
      await repository.save(account);
      await this.audit.record(manager, { actorId, action: 'account.credentials_refreshed', subjectType: 'account', subjectId: account.id, details: { expiresAt: account.credentialsExpireAt, by: 'credentials_check' } });
    }
    const invalidated = !inspection.valid && !account.credentialsInvalid;
    if (invalidated) {
      account.credentialsInvalid = true;
      account.updatedAt = checkedAt;
      await repository.save(account);
      await this.audit.record(manager, { actorId, action: 'account.credentials_invalidated', subjectType: 'account', subjectId: account.id, details: { platform: account.platform, reason: inspection.reason } });
    }
    const result: CredentialsCheck = { valid: inspection.valid, expiresAt: inspection.expiresAt, scopes: inspection.scopes, checkedAt };
    await this.audit.record(manager, { actorId, action: 'account.credentials_checked', subjectType: 'account', subjectId: account.id, details: { ...result, refreshed: refreshed !== null } });
    return result;
  }
}
