import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { WritePath } from '../common/write-path/write-path';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { addMs, HOUR } from '../common/time';
import { Transactions } from '../common/database/transactions';
import { StaffMember } from '../staff/staff.entity';
import { Caller } from './caller';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { hashToken, newToken } from './tokens';

export interface LoginResult {
  token: string;
  expiresAt: string;
  staff: StaffMember;
}

@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly sessions: SessionsRepository,
  ) {}

  async logout(caller: Caller): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.sessions.revoke(caller.sessionId, this.clock.nowIso());
      await this.writePath.record(manager, { actorId: caller.staffId, action: 'auth.logout', subjectType: 'session', subjectId: caller.sessionId });
    });
  }

  /** Revokes every live session of a staff member (but one, when given); returns how many. */
  async revokeAll(manager: EntityManager, staffId: string, exceptSessionId?: string): Promise<number> {
    return this.sessions.revokeAllOf(staffId, exceptSessionId, this.clock.nowIso(), manager);
  }

  /** A new session for someone already proven to be who they are (single sign-on); returns its token. */
  async openSession(manager: EntityManager, staffId: string): Promise<{ token: string; session: Session }> {
    const token = newToken();
    return { token, session: await this.createSession(manager, staffId, token) };
  }

  async createSession(manager: EntityManager, staffId: string, token: string): Promise<Session> {
    const now = this.clock.nowIso();
    const session = this.sessions.build({
      id: newId(),
      tokenHash: hashToken(token),
      staffId,
      createdAt: now,
      expiresAt: addMs(now, this.config.sessionTtlHours * HOUR),
      revokedAt: null,
    }, manager);
    await this.sessions.insert(session, manager);
    return session;
  }
}
