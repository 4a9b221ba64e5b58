import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { keysetPageOf, Page } from '../common/pagination';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { DpiaService } from '../dpia/dpia.service';
import { StaffRepository } from '../staff/staff.repository';
import { AccountClosingHooks } from './account-closing-hooks';
import { ACCOUNT_LIFECYCLE, accountPublishable } from './account-lifecycle';
import { AccountFacts, seesAllAccounts } from './account-rules';
import { Account } from './account.entity';
import { AccountView, toAccountView } from './account.view';
import { AccountsRepository, OLDEST_ACCOUNTS_FIRST } from './accounts.repository';
import { newAccountRow } from './new-account';
import { AccountListQuery, AddPlatformAdminDto, CreateAccountDto, PutCredentialsDto, ReasonDto, UpdateAccountDto } from './dto/account.dto';
import { CredentialVault } from './vault/credential-vault';
import { ConnectionUse, TakenGrant } from '../connections/connection-use';
import { AccountNotGrantedError } from '../connections/connections-errors';
import { UseConnectionDto } from '../connections/dto/connection.dto';

@Injectable()
export class AccountsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly access: Access,
    private readonly repository: AccountsRepository,
    private readonly vault: CredentialVault,
    private readonly dpias: DpiaService,
    private readonly authorisations: AuthorisationsService,
    private readonly closingHooks: AccountClosingHooks,
    private readonly connections: ConnectionUse,
    private readonly staff: StaffRepository,
  ) {}

  async create(caller: Caller, dto: CreateAccountDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      await this.requireActiveManager(manager, dto.ownerId);
      const now = this.clock.nowIso();
      const id = newId();
      const connected = dto.connectionId === undefined ? null : await this.takeConnectionForNew(manager, caller, dto, id);
      const account = this.repository.accounts.create(
        newAccountRow(
          {
            id,
            platform: dto.platform,
            name: dto.name ?? connected!.candidate.name.slice(0, 200),
            externalId: dto.externalId,
            mode: dto.mode ?? 'live',
            ownerId: dto.ownerId,
            requiredApprovals: dto.requiredApprovals ?? 1,
          },
          now,
        ),
      );
      if (connected) this.applyConnection(account, connected);
      await this.repository.insert(account);
      const created = await this.writePath.created(manager, ACCOUNT_LIFECYCLE, account, {
        actorId: caller.staffId,
        details: { platform: account.platform, name: account.name, externalId: account.externalId, mode: account.mode, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals, connectionId: dto.connectionId ?? null },
      });
      if (connected) {
        await this.recordConnected(manager, caller, account, dto.connectionId!, null, created);
        await connected.markUsed(created);
      }
      return this.view(caller, account);
    });
  }

  /** Replaces the credentials with those of a connection the admin authorised on the platform; clears the rotation and invalidity flags. */
  async connect(caller: Caller, id: string, dto: UseConnectionDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountReconnect, id, manager);
      const connected = await this.connections.take(manager, caller, dto.connectionId, {
        platform: account.platform,
        externalId: account.externalId,
        accountId: account.id,
        reconnecting: true,
        notGranted: () => new AccountNotGrantedError(account.externalId),
      });
      const cleared = { credentialRotationRequired: account.credentialRotationRequired, credentialsInvalid: account.credentialsInvalid };
      this.applyConnection(account, connected);
      await this.repository.saveFields(account, CREDENTIAL_FIELDS);
      const own = await this.recordConnected(manager, caller, account, dto.connectionId, cleared);
      await connected.markUsed(own);
      return this.view(caller, account);
    });
  }

  private async takeConnectionForNew(manager: EntityManager, caller: Caller, dto: CreateAccountDto, accountId: string): Promise<TakenGrant> {
    if (dto.mode === 'sandbox') throw new ValidationFailedError('A sandbox account publishes nowhere and takes no connection.', [{ field: 'connectionId', problems: ['cannot be used with mode sandbox'] }]);
    return this.connections.take(manager, caller, dto.connectionId!, {
      platform: dto.platform,
      externalId: dto.externalId.trim(),
      accountId,
      reconnecting: false,
      notGranted: () => new ValidationFailedError('externalId must be one of the connection’s candidates for this platform.', [{ field: 'externalId', problems: ['is not among the connection’s candidates'] }]),
    });
  }

  private applyConnection(account: Account, connected: TakenGrant): void {
    this.vault.sealInto(account, connected.credentials);
    account.credentialsExpireAt = connected.grant.reconnectBy;
    account.connectedById = connected.authorisedById;
    account.credentialRotationRequired = false;
    account.credentialsInvalid = false;
    account.updatedAt = this.clock.nowIso();
  }

  /** The connection's entry; on a new account it follows from the account's `created` entry. */
  private async recordConnected(manager: EntityManager, caller: Caller, account: Account, connectionId: string, cleared: Record<string, boolean> | null, cause?: AuditEntry): Promise<AuditEntry> {
    return this.writePath.record(manager, {
      action: 'account.connected',
      subjectType: 'account',
      subjectId: account.id,
      actorId: caller.staffId,
      // Which connection and when to reconnect; the token stays in the vault.
      details: { connectionId, connectedById: account.connectedById, expiresAt: account.credentialsExpireAt, cleared },
      cause,
    });
  }

  /** Managers, admins and the DPO see every account; other staff those they are authorised on now. */
  async list(caller: Caller, query: AccountListQuery): Promise<Page<AccountView>> {
    let visibleIds: string[] | null = null;
    if (!seesAllAccounts(caller)) {
      visibleIds = await this.authorisations.authorisedAccountIds(this.transactions.manager, caller.staffId);
      if (visibleIds.length === 0) return { items: [], nextCursor: null };
    }
    return keysetPageOf(OLDEST_ACCOUNTS_FIRST, query, (after, take) => this.repository.listPage(visibleIds, after, take), (rows) => this.views(caller, rows));
  }

  async get(caller: Caller, id: string): Promise<AccountView> {
    const account = await this.requireVisible(caller, id);
    return this.view(caller, account);
  }

  /** The account, or 404 when the caller may not see it. For other modules (drafts, approvals). */
  requireVisible(caller: Caller, accountId: string): Promise<Account> {
    return this.access.requireVisible<Account>(caller, 'account', accountId);
  }

  /** Whether a post may go out from the account at this instant (API.md section 6). */
  async isPublishable(manager: EntityManager, accountId: string): Promise<boolean> {
    const account = await this.repository.find(accountId, manager);
    if (!account) return false;
    return accountPublishable(account, (await this.dpias.inForce(manager, accountId)) !== null);
  }

  async update(caller: Caller, id: string, dto: UpdateAccountDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountUpdate, id, manager);
      const before = { name: account.name, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals };
      if (dto.ownerId !== undefined) await this.requireActiveManager(manager, dto.ownerId);
      if (dto.name !== undefined) account.name = dto.name;
      if (dto.ownerId !== undefined) account.ownerId = dto.ownerId;
      if (dto.requiredApprovals !== undefined) account.requiredApprovals = dto.requiredApprovals;
      account.updatedAt = this.clock.nowIso();
      await this.repository.saveFields(account, ['name', 'ownerId', 'requiredApprovals', 'updatedAt']);
      await this.writePath.record(manager, {
        action: 'account.updated',
        subjectType: 'account',
        subjectId: account.id,
        actorId: caller.staffId,
        details: { before, after: { name: account.name, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals } },
      });
      return this.view(caller, account);
    });
  }

  /** Seals new credentials; a fresh token clears any rotation or invalidity flag. Audited without the secret. */
  async putCredentials(caller: Caller, id: string, dto: PutCredentialsDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountCredentials, id, manager);
      const connectedById = dto.connectedById ?? caller.staffId;
      const connector = await this.staff.findById(connectedById, manager);
      if (!connector || !connector.hasAccessAt(this.clock.nowIso())) {
        throw new ValidationFailedError('connectedById must be an active staff member.', [{ field: 'connectedById', problems: ['is not an active staff member'] }]);
      }
      this.vault.sealInto(account, {
        accessToken: dto.accessToken,
        refreshToken: dto.refreshToken ?? null,
        clientId: dto.clientId ?? null,
        clientSecret: dto.clientSecret ?? null,
      });
      account.credentialsExpireAt = dto.expiresAt === undefined ? null : new Date(dto.expiresAt).toISOString();
      account.connectedById = connectedById;
      account.credentialRotationRequired = false;
      account.credentialsInvalid = false;
      account.updatedAt = this.clock.nowIso();
      await this.repository.saveFields(account, CREDENTIAL_FIELDS);
      await this.writePath.record(manager, {
        action: 'account.credentials_replaced',
        subjectType: 'account',
        subjectId: account.id,
        actorId: caller.staffId,
        // Only which parts were supplied, never their values.
        details: {
          connectedById,
          expiresAt: account.credentialsExpireAt,
          supplied: (['accessToken', 'refreshToken', 'clientId', 'clientSecret'] as const).filter((field) => dto[field] !== undefined),
        },
      });
    });
  }

  /** Adds someone to the roster of platform-side admins; 201 when added, 200 when already there. */
  async addPlatformAdmin(caller: Caller, id: string, dto: AddPlatformAdminDto): Promise<{ account: AccountView; created: boolean }> {
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountPlatformAdmins, id, manager);
      const staff = await this.staff.findById(dto.staffId, manager);
      if (!staff || !staff.hasAccessAt(this.clock.nowIso())) {
        throw new ValidationFailedError('staffId must be an active staff member.', [{ field: 'staffId', problems: ['is not an active staff member'] }]);
      }
      const roster = this.repository.platformAdmins;
      const created = !(await roster.existsBy({ accountId: id, staffId: dto.staffId }));
      if (created) {
        await roster.insert({ accountId: id, staffId: dto.staffId, addedAt: this.clock.nowIso(), addedById: caller.staffId });
        await this.writePath.record(manager, { action: 'account.platform_admin_added', subjectType: 'account', subjectId: account.id, actorId: caller.staffId, details: { staffId: dto.staffId } });
      }
      return { account: await this.view(caller, account), created };
    });
  }

  /** Removing is allowed even on a closed account: the roster records who still holds a platform role. */
  async removePlatformAdmin(caller: Caller, id: string, staffId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountPlatformAdminRemove, id, manager);
      const result = await this.repository.platformAdmins.delete({ accountId: id, staffId });
      if (!result.affected) throw new NotFoundError('platform admin on this account');
      await this.writePath.record(manager, { action: 'account.platform_admin_removed', subjectType: 'account', subjectId: account.id, actorId: caller.staffId, details: { staffId } });
    });
  }

  /** Needs a DPIA in force and, when live, credentials (the account rules check both). */
  async activate(caller: Caller, id: string): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountStatus, id, manager);
      await this.writePath.transition(manager, ACCOUNT_LIFECYCLE, account, 'activate', { actorId: caller.staffId, set: { statusReason: null, updatedAt: this.clock.nowIso() }, details: { reason: null } });
      return this.view(caller, account);
    });
  }

  async suspend(caller: Caller, id: string, dto: ReasonDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountSuspend, id, manager);
      await this.writePath.transition(manager, ACCOUNT_LIFECYCLE, account, 'suspend', { actorId: caller.staffId, set: { statusReason: dto.reason, updatedAt: this.clock.nowIso() }, details: { reason: dto.reason } });
      return this.view(caller, account);
    });
  }

  /**
   * Final. The account's own entry comes first and names what closing does (the authorisations revoked, what
   * the hooks plan); then every grant on it is revoked in one statement and the hooks run with that entry as
   * their cause, all in one transaction.
   */
  async close(caller: Caller, id: string, dto: ReasonDto): Promise<AccountView> {
    const reason = dto.reason;
    return this.transactions.run(async (manager) => {
      const account = await this.access.require<Account>(caller, Permission.AccountClose, id, manager);
      const revokedAuthorisations = await this.authorisations.activeIdsForAccount(manager, account.id);
      const planned = await this.closingHooks.plan(manager, account);
      const now = this.clock.nowIso();
      const cause = await this.writePath.transition(manager, ACCOUNT_LIFECYCLE, account, 'close', {
        actorId: caller.staffId,
        set: { statusReason: reason, closedAt: now, updatedAt: now },
        details: { reason, revokedAuthorisations, ...planned },
      });
      await this.authorisations.revokeAllForAccount(manager, account.id, caller.staffId, `account closed: ${reason}`);
      // After the row reads closed, so hooks see the account as it will be committed.
      await this.closingHooks.run(manager, { account, actorId: caller.staffId, reason, cause });
      return this.view(caller, account);
    });
  }

  private async requireActiveManager(manager: EntityManager, staffId: string): Promise<void> {
    const staff = await this.staff.findById(staffId, manager);
    if (!staff || !staff.hasAccessAt(this.clock.nowIso()) || !staff.hasRole('manager')) {
      throw new ValidationFailedError('ownerId must be an active manager.', [{ field: 'ownerId', problems: ['is not an active manager'] }]);
    }
  }

  private async view(caller: Caller, account: Account): Promise<AccountView> {
    return (await this.views(caller, [account]))[0];
  }

  private async views(caller: Caller, accounts: Account[]): Promise<AccountView[]> {
    const ids = accounts.map((account) => account.id);
    if (ids.length === 0) return [];
    const manager = this.transactions.manager;
    const admins = await this.repository.platformAdminsOf(ids);
    // The rules read the DPIAs the view shows: once for both.
    const facts = await this.access.facts<AccountFacts>(caller, 'account', accounts, manager);
    const allowed = await this.access.allowedActions(caller, 'account', accounts, manager, facts);
    return accounts.map((account) =>
      toAccountView(
        account,
        admins.filter((row) => row.accountId === account.id).map((row) => row.staffId),
        facts.dpias.get(account.id)!,
        allowed.get(account.id) ?? [],
      ),
    );
  }
}

/** The columns new credentials change. */
const CREDENTIAL_FIELDS: (keyof Account)[] = ['credentialsCiphertext', 'credentialsIv', 'credentialsAuthTag', 'credentialsExpireAt', 'connectedById', 'credentialRotationRequired', 'credentialsInvalid', 'updatedAt'];
