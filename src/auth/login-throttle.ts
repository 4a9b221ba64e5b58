import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { addMs, MINUTE } from '../common/time';
import { LoginAttempt } from './login-attempt.entity';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE;

/** Five failed logins for one email within fifteen minutes lock that email until the window passes. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly clock: Clock) {}

  /** Seconds until the email may try again, or 0 when it is not locked. */
  async lockedForSeconds(manager: EntityManager, emailKey: string): Promise<number> {
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

  async recordAttempt(manager: EntityManager, emailKey: string, succeeded: boolean): Promise<void> {
    await manager.getRepository(LoginAttempt).insert({ id: newId(), emailKey, at: this.clock.nowIso(), succeeded });
  }
}
