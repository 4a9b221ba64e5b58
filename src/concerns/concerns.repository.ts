import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Concern } from './concern.entity';
import { ConcernNote } from './concern-note.entity';

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

  async addNote(fields: ConcernNote): Promise<ConcernNote> {
    const note = this.manager.getRepository(ConcernNote).create(fields);
    await this.manager.getRepository(ConcernNote).insert(note);
    return note;
  }

  notesOf(concernId: string): Promise<ConcernNote[]> {
    return this.manager.getRepository(ConcernNote).find({ where: { concernId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
