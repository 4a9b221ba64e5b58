import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Access } from '../common/access/access.service';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { Keyset, keysetPage, Page } from '../common/pagination';
import { addMonths } from '../common/time';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { WritePath } from '../common/write-path/write-path';
import { Transactions } from '../common/database/transactions';
import { PolicyService } from '../policy/policy.service';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { Authorisation } from './authorisation.entity';
import { AuthorisationsRepository } from './authorisations.repository';
import { AuthorisationView, toAuthorisationView } from './authorisation.view';
import { AlreadyAuthorisedError, SelfAuthorisationForbiddenError, StaffNotActiveError, TrainingNotCompletedError } from './authorisations-errors';
import { AccountAuthorisationsQuery, GrantAuthorisationDto, RevokeAuthorisationDto, StaffAuthorisationsQuery } from './dto/authorisation.dto';

@Injectable()
export class AuthorisationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly policy: PolicyService,
    private readonly access: Access,
    private readonly accounts: AccountsRepository,
    private readonly grants: AuthorisationsRepository,
    private readonly staffRows: StaffRepository,
  ) {}

  async grant(caller: Caller, accountId: string, dto: GrantAuthorisationDto): Promise<AuthorisationView> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const expiresAt = dto.expiresAt === undefined ? null : new Date(dto.expiresAt).toISOString();
    if (expiresAt !== null && expiresAt <= nowIso) {
      throw new ValidationFailedError('An authorisation must expire in the future.', [{ field: 'expiresAt', problems: ['is not in the future'] }]);
    }
    const row = await this.transactions.run(async (manager) => {
      // Locking the account serialises grants with each other and with closing the account.
      await this.access.requireVisible(caller, 'account', accountId, manager);
      if (dto.staffId === caller.staffId) throw new SelfAuthorisationForbiddenError();
      await this.access.require(caller, Permission.AuthorisationGrant, accountId, manager);
      const staff = await this.staffRows.findById(dto.staffId);
      if (!staff) throw new ValidationFailedError('staffId must name a staff member.', [{ field: 'staffId', problems: ['is not a staff member'] }]);
      if (!staff.hasAccessAt(nowIso)) throw new StaffNotActiveError();
      await this.policy.requireAcknowledged(manager, staff.id);
      if (this.config.requireTraining && !this.trainedWithinAYear(staff, now)) throw new TrainingNotCompletedError();
      const existing = await this.grants.findActive(accountId, staff.id, nowIso);
      if (existing) throw new AlreadyAuthorisedError(existing.id);

      const row = this.grants.build({
        id: newId(),
        accountId,
        staffId: staff.id,
        grantedById: caller.staffId,
        grantedAt: nowIso,
        reason: dto.reason,
        expiresAt,
        revokedAt: null,
        revokedById: null,
        revokeReason: null,
      });
      await this.grants.insert(row);
      await this.writePath.record(manager, {
        actorId: caller.staffId,
        action: 'authorisation.granted',
        subjectType: 'authorisation',
        subjectId: row.id,
        details: { accountId, staffId: row.staffId, reason: row.reason, expiresAt },
      });
      return row;
    });
    return this.viewOne(caller, row);
  }

  async revoke(caller: Caller, id: string, dto: RevokeAuthorisationDto): Promise<AuthorisationView> {
    const row = await this.transactions.run(async (manager) => {
      // Read for update by the rule that offers `revoke` (authorisation-rules.ts): refused once revoked or expired.
      const row = await this.access.require<Authorisation>(caller, Permission.AuthorisationRevoke, id, manager);
      const nowIso = this.clock.nowIso();
      row.revokedAt = nowIso;
      row.revokedById = caller.staffId;
      row.revokeReason = dto.reason;
      await this.grants.save(row);
      await this.writePath.record(manager, {
        actorId: caller.staffId,
        action: 'authorisation.revoked',
        subjectType: 'authorisation',
        subjectId: row.id,
        details: { accountId: row.accountId, staffId: row.staffId, reason: row.revokeReason },
      });
      return row;
    });
    return this.viewOne(caller, row);
  }

  async listForAccount(caller: Caller, accountId: string, query: AccountAuthorisationsQuery): Promise<Page<AuthorisationView>> {
    if (!(await this.accounts.exists(accountId))) throw new NotFoundError('account');
    const nowIso = this.clock.nowIso();
    const active = query.active === 'true' ? true : query.active === 'false' ? false : undefined;
    return this.newestFirst(caller, this.grants.ofAccount(accountId, active, nowIso), query, nowIso);
  }

  /** Admins, managers, or the person themselves: every grant, newest first. */
  async listForStaff(caller: Caller, staffId: string, query: StaffAuthorisationsQuery): Promise<Page<AuthorisationView>> {
    if (caller.staffId !== staffId) this.access.requireRole(caller, Permission.AuthorisationList);
    if (!(await this.staffRows.exists({ id: staffId }))) throw new NotFoundError('staff member');
    return this.newestFirst(caller, this.grants.ofStaff(staffId), query, this.clock.nowIso());
  }

  /** Whether the staff member holds an authorisation on the account in effect right now. */
  async isAuthorised(manager: EntityManager, accountId: string, staffId: string): Promise<boolean> {
    return this.grants.isActive(accountId, staffId, this.clock.nowIso(), manager);
  }

  async authorisedAccountIds(manager: EntityManager, staffId: string): Promise<string[]> {
    return this.grants.activeAccountIdsOf(staffId, this.clock.nowIso(), manager);
  }

  /** Ends every grant a staff member holds now, in one statement; returns their ids. For offboarding. */
  async revokeAllForStaff(manager: EntityManager, staffId: string, actorId: string | null, reason: string): Promise<string[]> {
    return this.grants.revokeActive({ staffId }, this.clock.nowIso(), actorId, reason, manager);
  }

  /** Ends every grant on an account now, in one statement; returns their ids. For closing it. */
  async revokeAllForAccount(manager: EntityManager, accountId: string, actorId: string | null, reason: string): Promise<string[]> {
    return this.grants.revokeActive({ accountId }, this.clock.nowIso(), actorId, reason, manager);
  }

  /** The grants on an account in effect now, read for update: what closing it will revoke. */
  async activeIdsForAccount(manager: EntityManager, accountId: string): Promise<string[]> {
    return this.grants.activeIdsForAccountForUpdate(accountId, this.clock.nowIso(), manager);
  }

  private async newestFirst(caller: Caller, builder: SelectQueryBuilder<Authorisation>, query: { limit?: number; cursor?: string }, nowIso: string): Promise<Page<AuthorisationView>> {
    const newest: Keyset<Authorisation> = { columns: ['a.grantedAt', 'a.id'], direction: 'DESC', of: (row) => [row.grantedAt, row.id] };
    return keysetPage(builder, newest, query, (rows) => this.views(caller, rows, nowIso));
  }

  private async viewOne(caller: Caller, row: Authorisation): Promise<AuthorisationView> {
    return (await this.views(caller, [row], this.clock.nowIso()))[0];
  }

  /** What `caller` sees of each grant: its allowedActions from the rules that accept or refuse them. */
  private async views(caller: Caller, rows: Authorisation[], nowIso: string): Promise<AuthorisationView[]> {
    const allowed = await this.access.allowedActions(caller, 'authorisation', rows);
    return rows.map((row) => toAuthorisationView(row, nowIso, allowed.get(row.id) ?? []));
  }

  private trainedWithinAYear(staff: StaffMember, now: Date): boolean {
    return staff.trainingCompletedAt !== null && staff.trainingCompletedAt > addMonths(now, -12).toISOString();
  }
}
