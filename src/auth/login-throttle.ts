import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { addMs, MINUTE } from '../common/time';
import { LoginAttemptsRepository } from './login-attempts.repository';

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
  constructor(
    private readonly clock: Clock,
    private readonly attempts: LoginAttemptsRepository,
  ) {}

  /** Inside a transaction: either the email is locked, or one more attempt is counted against it. */
  async reserve(manager: EntityManager, emailKey: string): Promise<Reservation> {
    await this.lockEmail(manager, emailKey);
    const lockedForSeconds = await this.lockedForSeconds(manager, emailKey);
    if (lockedForSeconds > 0) return { lockedForSeconds };
    const attemptId = newId();
    await this.attempts.insert({ id: attemptId, emailKey, at: this.clock.nowIso(), succeeded: false }, manager);
    return { attemptId };
  }

  /** The reserved attempt proved the password: it resets the count. */
  async succeeded(manager: EntityManager, attemptId: string): Promise<void> {
    await this.attempts.markSucceeded(attemptId, manager);
  }

  private async lockedForSeconds(manager: EntityManager, emailKey: string): Promise<number> {
    const now = this.clock.nowIso();
    const windowStart = addMs(now, -LOCKOUT_WINDOW_MS);
    const lastSuccess = await this.attempts.lastSuccess(emailKey, manager);
    const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
    const failures = await this.attempts.failuresSince(emailKey, since, LOCKOUT_FAILURES, manager);
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
