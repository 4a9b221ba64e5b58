import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { RateLimitedError } from '../common/errors/generic-errors';
import { Transactions } from '../common/database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { InvalidCredentialsError, WrongCurrentPasswordError } from './auth-errors';
import { Caller } from './caller';
import { LoginQueue } from './login-queue';
import { LoginThrottle } from './login-throttle';
import { Passwords } from './passwords';
import { LoginResult, SessionsService } from './sessions.service';
import { newToken } from './tokens';
import { emailKeyOf } from '../staff/email-key';

type FailureReason = 'unknown_email' | 'wrong_password' | 'no_access' | 'locked' | 'wrong_current_password';

const LOCKED_MESSAGE = 'Too many failed sign-in attempts; try again later.';

/**
 * Checking passwords: signing in and changing one's password. Each check waits its turn in the login queue,
 * is counted towards the email's lockout before argon2 runs, and, when it fails, leaves only that count,
 * an audit entry and a log line naming the email.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly throttle: LoginThrottle,
    private readonly queue: LoginQueue,
    private readonly sessions: SessionsService,
    private readonly staffRows: StaffRepository,
  ) {}

  /** Unknown emails, wrong passwords and leavers take the same path and the same time to the same answer. */
  login(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    const emailKey = emailKeyOf(email);
    return this.queue.run(clientAddress, async () => {
      const staff = await this.staffRows.findByEmailKey(emailKey);
      const attemptId = await this.reserve(emailKey, staff, null, clientAddress);
      const passwordOk = await this.passwords.verify(staff?.passwordHash ?? null, password);
      if (!staff || !passwordOk || !staff.hasAccessAt(this.clock.nowIso())) {
        const reason = !staff ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'no_access';
        await this.recordFailure(emailKey, staff, null, reason, clientAddress);
        throw new InvalidCredentialsError();
      }
      const rehashed = this.passwords.needsRehash(staff.passwordHash!) ? await this.passwords.hash(password) : null;
      return this.transactions.run(async (manager) => {
        await this.throttle.succeeded(manager, attemptId);
        // Only over the hash just verified: a password changed meanwhile must not be put back.
        const upgraded = rehashed !== null && (await this.staffRows.replacePasswordHash(staff.id, staff.passwordHash!, rehashed));
        const token = newToken();
        const session = await this.sessions.createSession(manager, staff.id, token);
        await this.writePath.record(manager, {
          actorId: staff.id,
          action: 'auth.login',
          subjectType: 'session',
          subjectId: session.id,
          // Not "passwordRehashed": audit details drop every key that mentions a password.
          ...(upgraded ? { details: { hashUpgraded: true } } : {}),
        });
        return { token, expiresAt: session.expiresAt, staff };
      });
    });
  }

  /** A wrong current password counts towards the same lockout as a failed sign-in with that email. */
  changePassword(caller: Caller, currentPassword: string, newPassword: string, clientAddress: string): Promise<void> {
    return this.queue.run(clientAddress, async () => {
      const staff = await this.staffRows.findByIdOrFail(caller.staffId);
      const emailKey = emailKeyOf(staff.email);
      const attemptId = await this.reserve(emailKey, staff, caller.staffId, clientAddress);
      if (!(await this.passwords.verify(staff.passwordHash, currentPassword))) {
        await this.recordFailure(emailKey, staff, caller.staffId, 'wrong_current_password', clientAddress);
        throw new WrongCurrentPasswordError();
      }
      const passwordHash = await this.passwords.hash(newPassword);
      await this.transactions.run(async (manager) => {
        await this.throttle.succeeded(manager, attemptId);
        await this.staffRows.updateFields(staff.id, { passwordHash, updatedAt: this.clock.nowIso() });
        const revoked = await this.sessions.revokeAll(manager, staff.id, caller.sessionId);
        await this.writePath.record(manager, {
          actorId: caller.staffId,
          action: 'staff.password_changed',
          subjectType: 'staff',
          subjectId: staff.id,
          details: { otherSessionsRevoked: revoked },
        });
      });
    });
  }

  /** Counts the attempt before the password is checked; a locked email is refused (and audited) instead. */
  private async reserve(emailKey: string, staff: StaffMember | null, actorId: string | null, clientAddress: string): Promise<string> {
    const reservation = await this.transactions.run(async (manager) => {
      const result = await this.throttle.reserve(manager, emailKey);
      if ('lockedForSeconds' in result) await this.auditFailure(manager, emailKey, staff, actorId, 'locked', clientAddress);
      return result;
    });
    if ('attemptId' in reservation) return reservation.attemptId;
    this.logFailure(emailKey, 'locked', clientAddress);
    throw new RateLimitedError(LOCKED_MESSAGE, reservation.lockedForSeconds);
  }

  private async recordFailure(emailKey: string, staff: StaffMember | null, actorId: string | null, reason: FailureReason, clientAddress: string): Promise<void> {
    await this.transactions.run((manager) => this.auditFailure(manager, emailKey, staff, actorId, reason, clientAddress));
    this.logFailure(emailKey, reason, clientAddress);
  }

  private async auditFailure(
    manager: EntityManager,
    emailKey: string,
    staff: StaffMember | null,
    actorId: string | null,
    reason: FailureReason,
    clientAddress: string,
  ): Promise<void> {
    await this.writePath.record(manager, {
      actorId,
      action: 'session.login_failed',
      subjectType: 'staff',
      subjectId: staff?.id ?? null,
      details: { email: emailKey, reason, clientAddress },
    });
  }

  private logFailure(emailKey: string, reason: FailureReason, clientAddress: string): void {
    this.logger.warn({ email: emailKey, reason, clientAddress }, `Sign-in refused for ${emailKey} (${reason})`);
  }
}
