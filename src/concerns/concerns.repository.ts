import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In, IsNull, LessThanOrEqual, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Concern } from './concern.entity';
import { ConcernNote } from './concern-note.entity';
import type { ConcernStatus } from './concern-lifecycle';

/** Concerns and their notes, read and written in the current transaction (or outside one). */
@Injectable()
export class ConcernsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get concerns(): Repository<Concern> {
    return this.manager.getRepository(Concern);
  }

  build(fields: DeepPartial<Concern>): Concern {
    return this.concerns.create(fields);
  }

  async insert(concern: Concern): Promise<void> {
    await this.concerns.insert(concern);
  }

  findById(id: string): Promise<Concern | null> {
    return this.concerns.findOneBy({ id });
  }

  /** Held against concurrent changes until the transaction ends. */
  findForUpdate(id: string): Promise<Concern | null> {
    return this.transactions.findForUpdate(this.manager, Concern, id);
  }

  query(alias: string): SelectQueryBuilder<Concern> {
    return this.concerns.createQueryBuilder(alias);
  }

  /*
   * The task lists' and the compliance report's reads. Task providers are built at module load, outside
   * injection, and read with the manager of the change or request they serve: these take that manager.
   */

  /** Concerns in `statuses` that involve people the service supports. */
  static involvingServiceUsersIn(manager: EntityManager, statuses: readonly ConcernStatus[]): Promise<Concern[]> {
    return manager.getRepository(Concern).findBy({ involvesServiceUsers: true, status: In([...statuses]) });
  }

  static inStatus(manager: EntityManager, status: ConcernStatus): Promise<Concern[]> {
    return manager.getRepository(Concern).findBy({ status });
  }

  static countIn(manager: EntityManager, statuses: readonly ConcernStatus[]): Promise<number> {
    return manager.getRepository(Concern).countBy({ status: In([...statuses]) });
  }

  /** Breaches nobody has decided on whose ICO deadline is by `deadlineBy`, deadline first. */
  static undecidedBreachesDueBy(manager: EntityManager, deadlineBy: string): Promise<Concern[]> {
    return manager.getRepository(Concern).find({
      where: { breachAwareAt: Not(IsNull()), breachDecision: IsNull(), breachIcoDeadline: LessThanOrEqual(deadlineBy) },
      order: { breachIcoDeadline: 'ASC', id: 'ASC' },
    });
  }

  /** Every breach nobody has decided on, with its ICO deadline, deadline first. */
  static undecidedBreachDeadlines(manager: EntityManager): Promise<Pick<Concern, 'id' | 'breachIcoDeadline'>[]> {
    return manager.getRepository(Concern).find({
      where: { breachAwareAt: Not(IsNull()), breachDecision: IsNull() },
      select: { id: true, breachIcoDeadline: true },
      order: { breachIcoDeadline: 'ASC', id: 'ASC' },
    });
  }

  async addNote(fields: ConcernNote): Promise<ConcernNote> {
    const note = this.manager.getRepository(ConcernNote).create(fields);
    await this.manager.getRepository(ConcernNote).insert(note);
    return note;
  }

  notesOf(concernId: string): Promise<ConcernNote[]> {
    return this.manager.getRepository(ConcernNote).find({ where: { concernId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
