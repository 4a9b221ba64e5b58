import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import { Connection } from './connection.entity';

/** Connections (sign-ins to a platform), in the current transaction (or outside one). */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get connections(): Repository<Connection> {
    return this.transactions.manager.getRepository(Connection);
  }

  create(fields: Partial<Connection>): Connection {
    return this.connections.create(fields);
  }

  async insert(connection: Connection): Promise<void> {
    await this.connections.insert(connection);
  }

  find(id: string, manager: EntityManager = this.transactions.manager): Promise<Connection | null> {
    return manager.getRepository(Connection).findOneBy({ id });
  }

  findForUpdate(id: string, manager: EntityManager = this.transactions.manager): Promise<Connection | null> {
    return this.transactions.inTransaction ? this.transactions.findForUpdate(manager, Connection, id) : this.find(id, manager);
  }

  findByStateHash(stateHash: string): Promise<Connection | null> {
    return this.connections.findOneBy({ stateHash });
  }

  /** Claims the callback's state: one conditional update, so a replayed or raced callback finds it used. */
  async claimState(id: string, nowIso: string): Promise<boolean> {
    const result = await this.connections
      .createQueryBuilder()
      .update(Connection)
      .set({ stateUsedAt: nowIso, updatedAt: nowIso })
      .where({ id, stateUsedAt: IsNull(), status: In(CONNECTION_LIFECYCLE.statesAllowing('authorise')) })
      .execute();
    return result.affected === 1;
  }

  /** Connections past their deadline that can still expire, oldest deadline first. */
  due(nowIso: string, take: number): Promise<Connection[]> {
    return this.connections.find({ where: { status: In(CONNECTION_LIFECYCLE.statesAllowing('expire')), expiresAt: LessThanOrEqual(nowIso) }, order: { expiresAt: 'ASC' }, take });
  }
}
