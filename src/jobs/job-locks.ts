import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { addMs } from '../common/time';
import { Transactions } from '../common/database/transactions';
import { JobLock } from './job-lock.entity';

const NEVER = '1970-01-01T00:00:00.000Z';

/**
 * Makes each scheduled job run once per tick across every instance sharing the database: the
 * instance whose conditional UPDATE moves `lockedUntil` forward runs it; the others see 0 rows
 * changed. One statement, atomic on SQLite and PostgreSQL alike.
 */
@Injectable()
export class JobLocks {
  /** This process, as recorded in `lockedBy`. */
  readonly instanceId = newId();

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** True when this instance won the tick; the lock is held for `holdMs` (shorter than the schedule's period). */
  async claim(name: string, holdMs: number): Promise<boolean> {
    const nowIso = this.clock.nowIso();
    // Through Transactions so that on SQLite these never run inside another request's transaction.
    return this.transactions.run(async (manager) => {
      await manager.createQueryBuilder().insert().into(JobLock).values({ name, lockedUntil: NEVER, lockedBy: '', lastRunAt: null }).orIgnore().execute();
      const result = await manager
        .createQueryBuilder()
        .update(JobLock)
        .set({ lockedUntil: addMs(nowIso, holdMs), lockedBy: this.instanceId, lastRunAt: nowIso })
        .where('name = :name AND lockedUntil <= :now', { name, now: nowIso })
        .execute();
      return result.affected === 1;
    });
  }
}
