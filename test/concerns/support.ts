import { Caller } from '../../src/auth/caller';
import { Role } from '../../src/staff/role';
import { bearer, TestApp, TestStaff } from '../support/test-app';

export interface ConcernCast {
  reporter: TestStaff;
  bystander: TestStaff;
  manager: TestStaff;
  lead: TestStaff;
  dpo: TestStaff;
}

export async function concernCast(t: TestApp): Promise<ConcernCast> {
  return {
    reporter: await t.newStaff(['staff']),
    bystander: await t.newStaff(['staff']),
    manager: await t.newStaff(['manager']),
    lead: await t.newStaff(['safeguarding_lead']),
    dpo: await t.newStaff(['dpo']),
  };
}

export async function raise(t: TestApp, who: TestStaff, body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await t.http.post('/api/v1/concerns').set(bearer(who.token)).send(body);
  if (response.status !== 201) throw new Error(`raise failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A Caller as the task functions receive it, for a test staff member. */
export const callerOf = (who: TestStaff, roles: Role[]): Caller => ({ staffId: who.id, sessionId: 'test', roles });
