import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Caller } from '../auth/caller';
import { AuthorisationsService } from '../authorisations/authorisations.service';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { Transactions } from '../database/transactions';
import { DpiaService } from '../dpia/dpia.service';
import { StaffMember } from '../staff/staff.entity';
import { AccountAccess } from './account-access';
import { AccountClosingHooks } from './account-closing-hooks';
import { ACCOUNT_LIFECYCLE, AccountAction } from './account-lifecycle';
import { Account, AccountPlatformAdmin } from './account.entity';
import { AccountView, toAccountView } from './account.view';
import { AccountClosedError, CredentialsMissingError, DpiaNotApprovedError } from './accounts-errors';
import { AccountListQuery, AddPlatformAdminDto, CreateAccountDto, PutCredentialsDto, ReasonDto, UpdateAccountDto } from './dto/account.dto';
import { CredentialVault } from './vault/credential-vault';
import { ConnectionUse, TakenGrant } from '../connections/connection-use';
import { AccountNotGrantedError } from '../connections/connections-errors';
import { UseConnectionDto } from '../connections/dto/connection.dto';

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
    private readonly vault: CredentialVault,
    private readonly dpias: DpiaService,
    private readonly authorisations: AuthorisationsService,
    private readonly closingHooks: AccountClosingHooks,
    private readonly connections: ConnectionUse,
  ) {}

  async create(caller: Caller, dto: CreateAccountDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      await this.requireActiveManager(manager, dto.ownerId);
      const now = this.clock.nowIso();
      const repository = manager.getRepository(Account);
      const id = newId();
      const connected = dto.connectionId === undefined ? null : await this.takeConnectionForNew(manager, caller, dto, id);
      const account = repository.create({
        id,
        platform: dto.platform,
        name: dto.name ?? connected!.candidate.name.slice(0, 200),
        externalId: dto.externalId,
        mode: dto.mode ?? 'live',
        status: ACCOUNT_LIFECYCLE.initial,
        ownerId: dto.ownerId,
        requiredApprovals: dto.requiredApprovals ?? 1,
        credentialsCiphertext: null,
        credentialsIv: null,
        credentialsAuthTag: null,
        credentialsExpireAt: null,
        connectedById: null,
        credentialRotationRequired: false,
        credentialsInvalid: false,
        statusReason: null,
        closedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (connected) this.applyConnection(account, connected);
      await repository.insert(account);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'account.created',
        subjectType: 'account',
        subjectId: account.id,
        details: { platform: account.platform, name: account.name, externalId: account.externalId, mode: account.mode, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals, connectionId: dto.connectionId ?? null },
      });
      if (connected) await this.recordConnected(manager, caller, account, dto.connectionId!, null);
      return this.view(manager, account);
    });
  }

  /** Replaces the credentials with those of a connection the admin authorised on the platform; clears the rotation and invalidity flags. */
  async connect(caller: Caller, id: string, dto: UseConnectionDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.requireOpen(manager, id);
      if (account.mode === 'sandbox') throw new ValidationFailedError('A sandbox account publishes nowhere and needs no connection.', [{ field: 'connectionId', problems: ['cannot be used on a sandbox account'] }]);
      const connected = await this.connections.take(manager, caller, dto.connectionId, {
        platform: account.platform,
        externalId: account.externalId,
        accountId: account.id,
        reconnecting: true,
        notGranted: () => new AccountNotGrantedError(account.externalId),
      });
      const cleared = { credentialRotationRequired: account.credentialRotationRequired, credentialsInvalid: account.credentialsInvalid };
      this.applyConnection(account, connected);
      await manager.getRepository(Account).save(account);
      await this.recordConnected(manager, caller, account, dto.connectionId, cleared);
      return this.view(manager, account);
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

  private async recordConnected(manager: EntityManager, caller: Caller, account: Account, connectionId: string, cleared: Record<string, boolean> | null): Promise<void> {
    await this.audit.record(manager, {
      actorId: caller.staffId,
      action: 'account.connected',
      subjectType: 'account',
      subjectId: account.id,
      // Which connection and when to reconnect; the token stays in the vault.
      details: { connectionId, connectedById: account.connectedById, expiresAt: account.credentialsExpireAt, cleared },
    });
  }

  /** Managers, admins and the DPO see every account; other staff those they are authorised on now. */
  async list(caller: Caller, query: AccountListQuery): Promise<Page<AccountView>> {
    const manager = this.dataSource.manager;
    const builder = manager.getRepository(Account).createQueryBuilder('acc');
    if (!this.access.seesAll(caller)) {
      const ids = await this.authorisations.authorisedAccountIds(manager, caller.staffId);
      if (ids.length === 0) return { items: [], nextCursor: null };
      builder.andWhere('acc.id IN (:...ids)', { ids });
    }
    const oldest: Keyset<Account> = { columns: ['acc.createdAt', 'acc.id'], direction: 'ASC', of: (row) => [row.createdAt, row.id] };
    return keysetPage(builder, oldest, query, (rows) => this.views(manager, rows));
  }

  async get(caller: Caller, id: string): Promise<AccountView> {
    const account = await this.requireVisible(caller, id);
    return this.view(this.dataSource.manager, account);
  }

  /** The account, or 404 when the caller may not see it. For other modules (drafts, approvals). */
  requireVisible(caller: Caller, accountId: string): Promise<Account> {
    return this.access.requireVisible(caller, accountId);
  }

  /** Whether a post may go out from the account at this instant (API.md section 6). */
  async isPublishable(manager: EntityManager, accountId: string): Promise<boolean> {
    const account = await manager.getRepository(Account).findOneBy({ id: accountId });
    if (!account) return false;
    return account.isPublishable((await this.dpias.inForce(manager, accountId)) !== null);
  }

  async update(caller: Caller, id: string, dto: UpdateAccountDto): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.requireOpen(manager, id);
      const before = { name: account.name, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals };
      if (dto.ownerId !== undefined) await this.requireActiveManager(manager, dto.ownerId);
      if (dto.name !== undefined) account.name = dto.name;
      if (dto.ownerId !== undefined) account.ownerId = dto.ownerId;
      if (dto.requiredApprovals !== undefined) account.requiredApprovals = dto.requiredApprovals;
      account.updatedAt = this.clock.nowIso();
      await manager.getRepository(Account).save(account);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'account.updated',
        subjectType: 'account',
        subjectId: account.id,
        details: { before, after: { name: account.name, ownerId: account.ownerId, requiredApprovals: account.requiredApprovals } },
      });
      return this.view(manager, account);
    });
  }

  /** Seals new credentials; a fresh token clears any rotation or invalidity flag. Audited without the secret. */
  async putCredentials(caller: Caller, id: string, dto: PutCredentialsDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const account = await this.requireOpen(manager, id);
      const connectedById = dto.connectedById ?? caller.staffId;
      const connector = await manager.getRepository(StaffMember).findOneBy({ id: connectedById });
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
      await manager.getRepository(Account).save(account);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'account.credentials_replaced',
        subjectType: 'account',
        subjectId: account.id,
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
      const account = await this.requireOpen(manager, id);
      const staff = await manager.getRepository(StaffMember).findOneBy({ id: dto.staffId });
      if (!staff || !staff.hasAccessAt(this.clock.nowIso())) {
        throw new ValidationFailedError('staffId must be an active staff member.', [{ field: 'staffId', problems: ['is not an active staff member'] }]);
      }
      const repository = manager.getRepository(AccountPlatformAdmin);
      const created = !(await repository.existsBy({ accountId: id, staffId: dto.staffId }));
      if (created) {
        await repository.insert({ accountId: id, staffId: dto.staffId, addedAt: this.clock.nowIso(), addedById: caller.staffId });
        await this.audit.record(manager, { actorId: caller.staffId, action: 'account.platform_admin_added', subjectType: 'account', subjectId: id, details: { staffId: dto.staffId } });
      }
      return { account: await this.view(manager, account), created };
    });
  }

  /** Removing is allowed even on a closed account: the roster records who still holds a platform role. */
  async removePlatformAdmin(caller: Caller, id: string, staffId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const account = await this.transactions.findForUpdate(manager, Account, id);
      if (!account) throw new NotFoundError('account');
      const result = await manager.getRepository(AccountPlatformAdmin).delete({ accountId: id, staffId });
      if (!result.affected) throw new NotFoundError('platform admin on this account');
      await this.audit.record(manager, { actorId: caller.staffId, action: 'account.platform_admin_removed', subjectType: 'account', subjectId: id, details: { staffId } });
    });
  }

  /** Needs a DPIA in force and, when live, credentials. */
  async activate(caller: Caller, id: string): Promise<AccountView> {
    return this.move(caller, id, 'activate', null, {
      before: async (manager, account) => {
        if ((await this.dpias.inForce(manager, account.id)) === null) throw new DpiaNotApprovedError();
        if (account.mode === 'live' && !account.hasCredentials) throw new CredentialsMissingError();
      },
    });
  }

  async suspend(caller: Caller, id: string, dto: ReasonDto): Promise<AccountView> {
    return this.move(caller, id, 'suspend', dto.reason);
  }

  /** Final. Revokes every authorisation on the account in one statement and runs the closing hooks, all in one transaction. */
  async close(caller: Caller, id: string, dto: ReasonDto): Promise<AccountView> {
    const reason = dto.reason;
    return this.move(caller, id, 'close', reason, {
      before: async (_, account) => {
        account.closedAt = this.clock.nowIso();
      },
      // After the row reads closed, so hooks see the account as it will be committed.
      after: async (manager, account) => {
        const revokedAuthorisations = await this.authorisations.revokeAllForAccount(manager, account.id, caller.staffId, `account closed: ${reason}`);
        const fromHooks = await this.closingHooks.run(manager, { account, actorId: caller.staffId, reason });
        return { revokedAuthorisations, ...fromHooks };
      },
    });
  }

  private async move(
    caller: Caller,
    id: string,
    action: AccountAction,
    reason: string | null,
    steps: {
      before?: (manager: EntityManager, account: Account) => Promise<void>;
      after?: (manager: EntityManager, account: Account) => Promise<Record<string, unknown>>;
    } = {},
  ): Promise<AccountView> {
    return this.transactions.run(async (manager) => {
      const account = await this.transactions.findForUpdate(manager, Account, id);
      if (!account) throw new NotFoundError('account');
      const from = account.status;
      const to = ACCOUNT_LIFECYCLE.next(from, action);
      await steps.before?.(manager, account);
      account.status = to;
      account.statusReason = reason;
      account.updatedAt = this.clock.nowIso();
      await manager.getRepository(Account).save(account);
      const extra = (await steps.after?.(manager, account)) ?? {};
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: `account.${action === 'activate' ? 'activated' : action === 'suspend' ? 'suspended' : 'closed'}`,
        subjectType: 'account',
        subjectId: account.id,
        details: { from, to, reason, ...extra },
      });
      return this.view(manager, account);
    });
  }

  private async requireOpen(manager: EntityManager, id: string): Promise<Account> {
    const account = await this.transactions.findForUpdate(manager, Account, id);
    if (!account) throw new NotFoundError('account');
    if (account.status === 'closed') throw new AccountClosedError();
    return account;
  }

  private async requireActiveManager(manager: EntityManager, staffId: string): Promise<void> {
    const staff = await manager.getRepository(StaffMember).findOneBy({ id: staffId });
    if (!staff || !staff.hasAccessAt(this.clock.nowIso()) || !staff.hasRole('manager')) {
      throw new ValidationFailedError('ownerId must be an active manager.', [{ field: 'ownerId', problems: ['is not an active manager'] }]);
    }
  }

  private async view(manager: EntityManager, account: Account): Promise<AccountView> {
    return (await this.views(manager, [account]))[0];
  }

  private async views(manager: EntityManager, accounts: Account[]): Promise<AccountView[]> {
    const ids = accounts.map((account) => account.id);
    if (ids.length === 0) return [];
    const admins = await manager.getRepository(AccountPlatformAdmin).find({ where: { accountId: In(ids) }, order: { addedAt: 'ASC', staffId: 'ASC' } });
    const dpias = await this.dpias.summaries(manager, ids);
    return accounts.map((account) =>
      toAccountView(
        account,
        admins.filter((row) => row.accountId === account.id).map((row) => row.staffId),
        dpias.get(account.id)!,
      ),
    );
  }
}
