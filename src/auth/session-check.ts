import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/errors/generic-errors';
import { ReadStatements } from '../common/database/read-statements';
import { Role } from '../staff/role';
import { staffHasAccessAt, StaffStatus } from '../staff/staff.entity';
import { Caller } from './caller';
import { sessionIsLiveAt } from './session.entity';
import { hashToken } from './tokens';

interface SessionRow {
  sessionId: string;
  staffId: string;
  expiresAt: string;
  revokedAt: string | null;
  status: StaffStatus;
  leavingAt: string | null;
  roles: string;
}

/** Session and staff member in one row, found through the unique index on the token hash. */
const SESSION_WITH_STAFF = `SELECT s."id" AS "sessionId", s."staffId" AS "staffId", s."expiresAt" AS "expiresAt", s."revokedAt" AS "revokedAt",
  m."status" AS "status", m."leavingAt" AS "leavingAt", m."roles" AS "roles"
  FROM "sessions" s JOIN "staff" m ON m."id" = s."staffId" WHERE s."tokenHash" = ?`;

/**
 * The re-check every request makes (session live, staff member active, leaving instant not reached),
 * in one prepared statement.
 */
@Injectable()
export class SessionCheck {
  constructor(
    private readonly reads: ReadStatements,
    private readonly clock: Clock,
  ) {}

  async callerFor(token: string): Promise<Caller> {
    const row = await this.reads.one<SessionRow>('gatehouse_session_check', SESSION_WITH_STAFF, [hashToken(token)]);
    const now = this.clock.nowIso();
    if (!row || !sessionIsLiveAt(row, now)) throw new UnauthenticatedError('Your session has ended; sign in again.');
    if (!staffHasAccessAt(row, now)) throw new UnauthenticatedError('Your access has ended.');
    return { staffId: row.staffId, sessionId: row.sessionId, roles: JSON.parse(row.roles) as Role[] };
  }
}
