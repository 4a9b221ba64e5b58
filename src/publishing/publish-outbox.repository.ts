import { Injectable } from '@nestjs/common';
import { DeepPartial, IsNull, Not, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import type { HandOverScope } from './hand-over';
import { PublishOutbox } from './publish-outbox.entity';

/** The hand-overs from a decision to publishing, one per revision, in the current transaction (or outside one). */
@Injectable()
export class PublishOutboxRepository {
  constructor(private readonly transactions: Transactions) {}

  private get outbox(): Repository<PublishOutbox> {
    return this.transactions.manager.getRepository(PublishOutbox);
  }

  build(fields: DeepPartial<PublishOutbox>): PublishOutbox {
    return this.outbox.create(fields);
  }

  async insert(row: PublishOutbox): Promise<void> {
    await this.outbox.insert(row);
  }

  forRevision(revisionId: string): Promise<PublishOutbox | null> {
    return this.outbox.findOneBy({ revisionId });
  }

  /** The revision's hand-over once the dispatcher has queued it. */
  dispatchedFor(revisionId: string): Promise<PublishOutbox | null> {
    return this.outbox.findOneBy({ revisionId, dispatchedAt: Not(IsNull()) });
  }

  /** Hand-overs not queued yet, oldest first. */
  undispatched(limit: number): Promise<PublishOutbox[]> {
    return this.outbox.find({ where: { dispatchedAt: IsNull() }, order: { createdAt: 'ASC' }, take: limit });
  }

  async rearm(id: string, fields: Pick<PublishOutbox, 'notBefore' | 'attempts'>): Promise<void> {
    await this.outbox.update({ id }, { notBefore: fields.notBefore, dispatchedAt: null, attempts: fields.attempts });
  }

  /** Back to undispatched, for the dispatcher's next tick. */
  async undispatch(id: string): Promise<void> {
    await this.outbox.update({ id }, { dispatchedAt: null });
  }

  /** Matching `attempts` leaves a row a manager's retry has just re-armed for the next tick. */
  async markDispatched(row: Pick<PublishOutbox, 'id' | 'attempts'>, nowIso: string): Promise<void> {
    await this.outbox.update({ id: row.id, attempts: row.attempts }, { dispatchedAt: nowIso });
  }

  /** Deletes the hand-overs in `scope`; returns how many. */
  async delete(scope: HandOverScope): Promise<number> {
    const result = await this.outbox.delete({ ...scope });
    return result.affected ?? 0;
  }
}
