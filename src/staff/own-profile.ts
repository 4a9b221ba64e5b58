import { Injectable } from '@nestjs/common';
import { Caller } from '../auth/caller';
import { Access } from '../common/access/access.service';
import { NotFoundError } from '../common/errors/generic-errors';
import { ReadStatements } from '../common/database/read-statements';
import { Role } from './role';
import { StaffMember } from './staff.entity';
import { StaffView, StaffViewSource, toStaffView } from './staff.view';

type OwnProfileRow = Omit<StaffViewSource, 'roles'> & { roles: string; policyVersion: string | null; acknowledgedAt: string | null };

/** The staff member with their latest policy acknowledgement, in one statement. */
const OWN_PROFILE = `SELECT m."id" AS "id", m."email" AS "email", m."displayName" AS "displayName", m."roles" AS "roles", m."status" AS "status",
  m."leavingAt" AS "leavingAt", m."leftAt" AS "leftAt", m."lineManagerId" AS "lineManagerId", m."trainingCompletedAt" AS "trainingCompletedAt",
  m."createdAt" AS "createdAt", a."policyVersion" AS "policyVersion", a."acknowledgedAt" AS "acknowledgedAt"
  FROM "staff" m LEFT JOIN "policy_acknowledgements" a ON a."id" = (
    SELECT x."id" FROM "policy_acknowledgements" x WHERE x."staffId" = m."id" ORDER BY x."acknowledgedAt" DESC, x."id" DESC LIMIT 1)
  WHERE m."id" = ?`;

/**
 * GET /me, asked on every page of the web app: one prepared statement after the session re-check, rather
 * than two TypeORM finds with entity hydration.
 */
@Injectable()
export class OwnProfile {
  constructor(
    private readonly reads: ReadStatements,
    private readonly access: Access,
  ) {}

  async of(caller: Caller): Promise<StaffView> {
    const row = await this.reads.one<OwnProfileRow>('gatehouse_own_profile', OWN_PROFILE, [caller.staffId]);
    if (!row) throw new NotFoundError('staff member');
    const { policyVersion, acknowledgedAt, roles, ...staff } = row;
    const acknowledgement = policyVersion !== null && acknowledgedAt !== null ? { policyVersion, acknowledgedAt } : null;
    const person = Object.assign(new StaffMember(), { ...staff, roles: JSON.parse(roles) as Role[] });
    // The staff rules read no more than the row, so this asks the database nothing further.
    const allowed = (await this.access.allowedActions(caller, 'staff member', [person])).get(person.id) ?? [];
    return toStaffView(person, acknowledgement, allowed);
  }
}
