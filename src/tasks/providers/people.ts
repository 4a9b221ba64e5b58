import { EntityManager } from 'typeorm';
import { Permission, ROLES_BY_PERMISSION } from '../../auth/permissions';
import { Role } from '../../staff/role';
import { StaffMember } from '../../staff/staff.entity';
import { DomainEvent } from '../../common/domain-events';
import { TaskPerson } from '../task';
import { STAFF_LIFECYCLE } from '../../staff/staff-lifecycle';

/** Active staff holding a role that grants the permission (staff are few; roles are a JSON list). */
export async function activeWith(manager: EntityManager, permission: Permission): Promise<TaskPerson[]> {
  const roles = ROLES_BY_PERMISSION[permission];
  const builder = manager.getRepository(StaffMember).createQueryBuilder('s').select(['s.id', 's.roles']).where('s.status IN (:...present)', { present: STAFF_LIFECYCLE.statesAllowing('offboard') });
  builder.andWhere(`(${roles.map((_, i) => `s.roles LIKE :role${i}`).join(' OR ')})`, Object.fromEntries(roles.map((role, i) => [`role${i}`, `%"${role}"%`])));
  const rows = await builder.getMany();
  return rows.filter((row) => roles.some((role: Role) => row.roles.includes(role))).map((row) => ({ id: row.id, roles: row.roles }));
}

export const grants = (person: TaskPerson, permission: Permission): boolean => ROLES_BY_PERMISSION[permission].some((role) => person.roles.includes(role));

/** The subject of a change when it is of this type. */
export const subjectOf = (event: { subjectType: string; subjectId: string | null }, type: string): string[] => (event.subjectType === type && event.subjectId ? [event.subjectId] : []);

/** `touchedBy` for a kind whose changes name their subjects themselves: no query. */
export const named =
  (subjects: (event: DomainEvent) => string[]) =>
  async (_manager: unknown, events: DomainEvent[]): Promise<string[]> =>
    events.flatMap(subjects);

export const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
