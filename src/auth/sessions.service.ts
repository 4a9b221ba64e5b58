import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { RateLimitedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { addMs, HOUR } from '../common/time';
import { Transactions } from '../database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { InvalidCredentialsError, WrongCurrentPasswordError } from './auth-errors';
import { Caller } from './caller';
import { LoginThrottle } from './login-throttle';
import { Passwords } from './passwords';
import { Session } from './session.entity';
import { hashToken, newToken } from './tokens';

export interface LoginResult {
  token: string;
  expiresAt: string;
  staff: StaffMember;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const emailKey = email.trim().toLowerCase();
    const staff = await this.dataSource.getRepository(StaffMember).findOneBy({ emailKey });
    const lockedFor = await this.throttle.lockedForSeconds(this.dataSource.manager, emailKey);
    if (lockedFor > 0) throw new RateLimitedError('Too many failed sign-in attempts; try again later.', lockedFor);

    const passwordOk = await this.passwords.verify(staff?.passwordHash ?? null, password);
    if (!staff || !passwordOk || !staff.hasAccessAt(this.clock.nowIso())) {
      // A failed login changes nothing but the count towards the lockout.
      await this.transactions.run((manager) => this.throttle.recordAttempt(manager, emailKey, false));
      throw new InvalidCredentialsError();
    }
    return this.transactions.run(async (manager) => {
      await this.throttle.recordAttempt(manager, emailKey, true);
      const token = newToken();
      const session = await this.createSession(manager, staff.id, token);
      await this.audit.record(manager, { actorId: staff.id, action: 'auth.login', subjectType: 'session', subjectId: session.id });
      return { token, expiresAt: session.expiresAt, staff };
    });
  }

  async logout(caller: Caller): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.getRepository(Session).update({ id: caller.sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.nowIso() });
      await this.audit.record(manager, { actorId: caller.staffId, action: 'auth.logout', subjectType: 'session', subjectId: caller.sessionId });
    });
  }

  async changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const staff = await this.dataSource.getRepository(StaffMember).findOneByOrFail({ id: caller.staffId });
    if (!(await this.passwords.verify(staff.passwordHash, currentPassword))) throw new WrongCurrentPasswordError();
    const passwordHash = await this.passwords.hash(newPassword);
    await this.transactions.run(async (manager) => {
      await manager.getRepository(StaffMember).update({ id: staff.id }, { passwordHash, updatedAt: this.clock.nowIso() });
      const revoked = await this.revokeAll(manager, staff.id, caller.sessionId);
      await this.audit.record(manager, {
        actorId: caller.staffId,
        action: 'staff.password_changed',
        subjectType: 'staff',
        subjectId: staff.id,
        details: { otherSessionsRevoked: revoked },
      });
    });
  }

  /** Revokes every live session of a staff member (but one, when given); returns how many. */
  async revokeAll(manager: EntityManager, staffId: string, exceptSessionId?: string): Promise<number> {
    const where = exceptSessionId
      ? { staffId, revokedAt: IsNull(), id: Not(exceptSessionId) }
      : { staffId, revokedAt: IsNull() };
    const result = await manager.getRepository(Session).update(where, { revokedAt: this.clock.nowIso() });
    return result.affected ?? 0;
  }

  private async createSession(manager: EntityManager, staffId: string, token: string): Promise<Session> {
    const now = this.clock.nowIso();
    const session = manager.getRepository(Session).create({
      id: newId(),
      tokenHash: hashToken(token),
      staffId,
      createdAt: now,
      expiresAt: addMs(now, this.config.sessionTtlHours * HOUR),
      revokedAt: null,
    });
    await manager.getRepository(Session).insert(session);
    return session;
  }
}
