import { EntityManager } from 'typeorm';
import { Permission, ROLES_BY_PERMISSION } from '../../auth/permissions';
import { Role } from '../../staff/role';
import { DomainEvent } from '../../common/domain-events';
import { StaffRepository } from '../../staff/staff.repository';
import { TaskPerson } from '../task';

/** Active staff holding a role that grants the permission (staff are few; roles are a JSON list). */
export async function activeWith(manager: EntityManager, permission: Permission): Promise<TaskPerson[]> {
  const roles = ROLES_BY_PERMISSION[permission];
  const rows = await StaffRepository.presentWithAnyRole(manager, roles);
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
