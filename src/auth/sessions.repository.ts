import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { Session } from './session.entity';

/** Sessions, in the current transaction (or outside one; `manager` for callers that hold one of their own). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly transactions: Transactions) {}

  private sessions(manager: EntityManager = this.transactions.manager): Repository<Session> {
    return manager.getRepository(Session);
  }

  build(fields: DeepPartial<Session>, manager?: EntityManager): Session {
    return this.sessions(manager).create(fields);
  }

  async insert(session: Session, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).insert(session);
  }

  /** How many of the person's sessions are not revoked. */
  liveCountOf(staffId: string, manager?: EntityManager): Promise<number> {
    return this.sessions(manager).countBy({ staffId, revokedAt: IsNull() });
  }

  /** Revokes the session unless it is revoked already (its first revocation time stands). */
  async revoke(id: string, nowIso: string): Promise<void> {
    await this.sessions().update({ id, revokedAt: IsNull() }, { revokedAt: nowIso });
  }

  /** Revokes every live session of the staff member but `exceptId`; returns how many. */
  async revokeAllOf(staffId: string, exceptId: string | undefined, nowIso: string, manager?: EntityManager): Promise<number> {
    const where = exceptId ? { staffId, revokedAt: IsNull(), id: Not(exceptId) } : { staffId, revokedAt: IsNull() };
    return (await this.sessions(manager).update(where, { revokedAt: nowIso })).affected ?? 0;
  }
}
