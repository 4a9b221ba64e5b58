import { Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { AttemptOutcome, PublishAttempt } from './publish-attempt.entity';

/** Outcomes that leave it open whether the platform created the post. */
const UNSETTLED: AttemptOutcome[] = ['sending', 'unknown'];
/** Outcomes where the platform certainly created nothing: the ones retries are counted by. */
const DEFINITE_MISSES: AttemptOutcome[] = ['rate_limited', 'not_created'];

/** The publish ledger (every call to a platform's create endpoint), in the current transaction (or outside one). */
@Injectable()
export class PublishAttemptsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get attempts(): Repository<PublishAttempt> {
    return this.transactions.manager.getRepository(PublishAttempt);
  }

  async insert(attempt: PublishAttempt): Promise<void> {
    await this.attempts.insert(attempt);
  }

  /** A call for the revision whose outcome is not known (in flight, or its answer lost). */
  unsettledFor(revisionId: string): Promise<PublishAttempt | null> {
    return this.attempts.findOneBy({ revisionId, outcome: In(UNSETTLED) });
  }

  hasUnsettled(revisionId: string): Promise<boolean> {
    return this.attempts.existsBy({ revisionId, outcome: In(UNSETTLED) });
  }

  /** Calls for the revision that certainly created nothing, since `since` when given. */
  countDefiniteMisses(revisionId: string, since?: string): Promise<number> {
    return this.attempts.countBy({ revisionId, outcome: In(DEFINITE_MISSES), ...(since === undefined ? {} : { startedAt: MoreThanOrEqual(since) }) });
  }

  async settle(id: string, fields: Partial<Pick<PublishAttempt, 'outcome' | 'finishedAt' | 'detail'>>): Promise<void> {
    await this.attempts.update({ id }, fields);
  }

  /** Settles every unsettled call for the revision (a manager's reconciliation). */
  async settleUnsettled(revisionId: string, fields: Pick<PublishAttempt, 'outcome' | 'detail'>): Promise<void> {
    await this.attempts.update({ revisionId, outcome: In(UNSETTLED) }, fields);
  }
}
