import { Injectable } from '@nestjs/common';
import { EntityManager, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { LoginAttempt } from './login-attempt.entity';

/** Sign-in attempts by email, in the caller's transaction (the throttle's count and insert are one transaction). */
@Injectable()
export class LoginAttemptsRepository {
  constructor(private readonly transactions: Transactions) {}

  private attempts(manager: EntityManager = this.transactions.manager): Repository<LoginAttempt> {
    return manager.getRepository(LoginAttempt);
  }

  async insert(attempt: LoginAttempt, manager?: EntityManager): Promise<void> {
    await this.attempts(manager).insert(attempt);
  }

  async markSucceeded(id: string, manager?: EntityManager): Promise<void> {
    await this.attempts(manager).update({ id }, { succeeded: true });
  }

  lastSuccess(emailKey: string, manager?: EntityManager): Promise<LoginAttempt | null> {
    return this.attempts(manager).findOne({ where: { emailKey, succeeded: true }, order: { at: 'DESC' } });
  }

  /** The email's failures after `since`, newest first, at most `limit`. */
  failuresSince(emailKey: string, since: string, limit: number, manager?: EntityManager): Promise<LoginAttempt[]> {
    return this.attempts(manager)
      .createQueryBuilder('a')
      .where('a.emailKey = :emailKey AND a.succeeded = :failed AND a.at > :since', { emailKey, failed: false, since })
      .orderBy('a.at', 'DESC')
      .take(limit)
      .getMany();
  }
}
