import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { addMs, MINUTE } from '../common/time';
import { LoginAttempt } from './login-attempt.entity';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE;

export type Reservation = { lockedForSeconds: number } | { attemptId: string };

/**
 * Five failed attempts for one email within fifteen minutes (since its last success) lock that email until
 * the window passes. An attempt is counted as failed *before* the slow password check and turned into a
 * success only after it, so concurrent attempts can never slip past the count while it is being checked.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly clock: Clock) {}

  /** Inside a transaction: either the email is locked, or one more attempt is counted against it. */
  async reserve(manager: EntityManager, emailKey: string): Promise<Reservation> {
    await this.lockEmail(manager, emailKey);
    const lockedForSeconds = await this.lockedForSeconds(manager, emailKey);
    if (lockedForSeconds > 0) return { lockedForSeconds };
    const attemptId = newId();
    await manager.getRepository(LoginAttempt).insert({ id: attemptId, emailKey, at: this.clock.nowIso(), succeeded: false });
    return { attemptId };
  }

  /** The reserved attempt proved the password: it resets the count. */
  async succeeded(manager: EntityManager, attemptId: string): Promise<void> {
    await manager.getRepository(LoginAttempt).update({ id: attemptId }, { succeeded: true });
  }

  private async lockedForSeconds(manager: EntityManager, emailKey: string): Promise<number> {
    const now = this.clock.nowIso();
    const windowStart = addMs(now, -LOCKOUT_WINDOW_MS);
    const lastSuccess = await manager.getRepository(LoginAttempt).findOne({ where: { emailKey, succeeded: true }, order: { at: 'DESC' } });
    const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
    const failures = await manager
      .getRepository(LoginAttempt)
      .createQueryBuilder('a')
      .where('a.emailKey = :emailKey AND a.succeeded = :failed AND a.at > :since', { emailKey, failed: false, since })
      .orderBy('a.at', 'DESC')
      .take(LOCKOUT_FAILURES)
      .getMany();
    if (failures.length < LOCKOUT_FAILURES) return 0;
    const oldestCounted = failures[LOCKOUT_FAILURES - 1].at;
    return Math.max(1, Math.ceil((Date.parse(oldestCounted) + LOCKOUT_WINDOW_MS - Date.parse(now)) / 1000));
  }

  /**
   * Attempts for one email take turns between counting and inserting. SQLite transactions are already
   * serial; PostgreSQL takes an advisory lock in the two-key space, apart from LockKey's one-key locks.
   */
  private async lockEmail(manager: EntityManager, emailKey: string): Promise<void> {
    if (manager.connection.options.type !== 'postgres') return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('login_attempts'), hashtext($1))`, [emailKey]);
  }
}
