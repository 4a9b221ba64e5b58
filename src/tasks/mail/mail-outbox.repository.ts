import { Injectable } from '@nestjs/common';
import { EntityManager, Repository } from 'typeorm';
import { Transactions } from '../../common/database/transactions';
import { MAIL_DUE_STATES } from './mail-lifecycle';
import { MailOutbox } from './mail-outbox.entity';

/** The mail outbox, in the current transaction (or outside one). */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly transactions: Transactions) {}

  private outbox(manager: EntityManager = this.transactions.manager): Repository<MailOutbox> {
    return manager.getRepository(MailOutbox);
  }

  /** `manager`: the caller's transaction, which the mail is part of. */
  async insert(rows: MailOutbox | MailOutbox[], manager?: EntityManager): Promise<void> {
    await this.outbox(manager).insert(rows);
  }

  /** Mail waiting to be sent whose time has come, longest waiting first. */
  due(nowIso: string, limit: number): Promise<MailOutbox[]> {
    return this.outbox()
      .createQueryBuilder('m')
      .where('m.status IN (:...due) AND m.nextAttemptAt <= :now', { due: MAIL_DUE_STATES, now: nowIso })
      .orderBy('m.nextAttemptAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** One conditional update: the row is claimed only while still due and unclaimed (or its claim ran out). */
  async claim(id: string, instance: string, claimedUntil: string, nowIso: string): Promise<boolean> {
    const claimed = await this.outbox()
      .createQueryBuilder()
      .update()
      .set({ claimedBy: instance, claimedUntil })
      .where('id = :id AND status IN (:...due) AND nextAttemptAt <= :now AND (claimedUntil IS NULL OR claimedUntil < :now)', { id, due: MAIL_DUE_STATES, now: nowIso })
      .execute();
    return claimed.affected === 1;
  }

  /** Frees the row for a later attempt, if `instance` still holds it. Never the status. */
  async release(id: string, instance: string, fields: Pick<MailOutbox, 'attempts' | 'nextAttemptAt' | 'lastError'>): Promise<void> {
    await this.outbox().update({ id, claimedBy: instance }, { ...fields, claimedBy: null, claimedUntil: null });
  }
}
