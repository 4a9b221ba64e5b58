import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/errors/generic-errors';
import { newId } from '../common/ids';
import { addMs, HOUR } from '../common/time';
import { Transactions } from '../common/database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { Caller } from './caller';
import { Session } from './session.entity';
import { hashToken, newToken } from './tokens';

export interface LoginResult {
  token: string;
  expiresAt: string;
  staff: StaffMember;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
  ) {}

  async logout(caller: Caller): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.getRepository(Session).update({ id: caller.sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.nowIso() });
      await this.writePath.record(manager, { actorId: caller.staffId, action: 'auth.logout', subjectType: 'session', subjectId: caller.sessionId });
    });
  }

  /** Revokes every live session of a staff member (but one, when given); returns how many. */
  async revokeAll(manager: EntityManager, staffId: string, exceptSessionId?: string): Promise<number> {
    const where = exceptSessionId
      ? { staffId, revokedAt: IsNull(), id: Not(exceptSessionId) }
      : { staffId, revokedAt: IsNull() };
    const result = await manager.getRepository(Session).update(where, { revokedAt: this.clock.nowIso() });
    return result.affected ?? 0;
  }

  /** A new session for someone already proven to be who they are (single sign-on); returns its token. */
  async openSession(manager: EntityManager, staffId: string): Promise<{ token: string; session: Session }> {
    const token = newToken();
    return { token, session: await this.createSession(manager, staffId, token) };
  }

  async createSession(manager: EntityManager, staffId: string, token: string): Promise<Session> {
    const now = this.clock.nowIso();
    const session = manager.getRepository(Session).create({
      id: newId(),
      tokenHash: hashToken(token),
      staffId,
      createdAt: now,
      expiresAt: addMs(now, this.config.sessionTtlHours * HOUR),
      revokedAt: null,
    });
    await manager.getRepository(Session).insert(session);
    return session;
  }
}
