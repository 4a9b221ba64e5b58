import { Role } from '../staff/role';

/** Who is making this request, resolved afresh from the database on every request. */
export interface Caller {
  staffId: string;
  sessionId: string;
  roles: readonly Role[];
}

export const hasRole = (caller: Caller, ...roles: Role[]): boolean => roles.some((role) => caller.roles.includes(role));
