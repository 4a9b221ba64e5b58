import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { ACCOUNT_LIFECYCLE, isOpen, OPEN_ACCOUNT_STATUSES } from '../accounts/account-lifecycle';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { CredentialsMissingError } from '../accounts/accounts-errors';
import { CredentialVault } from '../accounts/vault/credential-vault';
import { PlatformCredentials } from '../accounts/vault/platform-credentials';
import { accessTokenExpiry, sealRefreshed } from '../accounts/vault/token-expiry';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { DAY } from '../common/time';
import { Transactions } from '../common/database/transactions';
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
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly access: Access,
    private readonly accounts: AccountsRepository,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly flows: PlatformFlows,
  ) {}

  /** A staff member's check: the account rules decide (404, 403, closed, sandbox, no credentials). */
  async checkFor(caller: Caller, accountId: string): Promise<CredentialsCheck> {
    await this.access.require(caller, Permission.AccountCredentialsCheck, accountId);
    return this.check(caller.staffId, accountId);
  }

  /** The daily job's check (no caller); the same conditions as the rules' check_credentials. */
  async check(actorId: string | null, accountId: string): Promise<CredentialsCheck> {
    const account = await this.accounts.find(accountId);
    if (!account) throw new NotFoundError('account');
    if (!isOpen(account)) throw ACCOUNT_LIFECYCLE.refusal(account.status, 'close');
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
    const accounts = await this.accounts.accounts.find({
      where: { mode: 'live', status: In(OPEN_ACCOUNT_STATUSES), credentialsCiphertext: Not(IsNull()) },
      select: { id: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const result: DailyCheckResult = { checked: 0, invalidated: 0, refreshed: 0, skipped: 0 };
    for (const { id } of accounts) {
      const before = await this.accounts.accounts.findOneByOrFail({ id });
      try {
        const outcome = await this.check(null, id);
        result.checked++;
        if (!outcome.valid && !before.credentialsInvalid) result.invalidated++;
        const after = await this.accounts.accounts.findOneByOrFail({ id });
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

  /** The check's own entry first; a refresh or an invalidation it caused follows from it. */
  private async record(manager: EntityManager, actorId: string | null, accountId: string, inspection: Inspection): Promise<CredentialsCheck> {
    const account = await this.accounts.findForUpdate(accountId);
    if (!account) throw new NotFoundError('account');
    const checkedAt = this.clock.nowIso();
    const refreshed = inspection.refreshed as Grant | null;
    const invalidated = !inspection.valid && !account.credentialsInvalid;
    const result: CredentialsCheck = { valid: inspection.valid, expiresAt: inspection.expiresAt, scopes: inspection.scopes, checkedAt };
    const cause = await this.writePath.record(manager, { action: 'account.credentials_checked', subjectType: 'account', subjectId: account.id, actorId, details: { ...result, refreshed: refreshed !== null } });
    if (refreshed) {
      const current = await this.vault.open(account.id, manager);
      sealRefreshed(this.vault, account, current, { ...refreshed, client: inspection.client });
      account.updatedAt = checkedAt;
      await this.accounts.saveFields(account, ['credentialsCiphertext', 'credentialsIv', 'credentialsAuthTag', 'credentialsExpireAt', 'updatedAt']);
      await this.writePath.record(manager, { action: 'account.credentials_refreshed', subjectType: 'account', subjectId: account.id, actorId, details: { expiresAt: account.credentialsExpireAt, by: 'credentials_check' }, cause });
    }
    if (invalidated) {
      account.credentialsInvalid = true;
      account.updatedAt = checkedAt;
      await this.accounts.saveFields(account, ['credentialsInvalid', 'updatedAt']);
      await this.writePath.record(manager, { action: 'account.credentials_invalidated', subjectType: 'account', subjectId: account.id, actorId, details: { platform: account.platform, reason: inspection.reason }, cause });
    }
    return result;
  }
}
