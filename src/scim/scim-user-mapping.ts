import { StaffMember } from '../staff/staff.entity';
import { invalidValue, ScimError } from './scim-errors';
import { USER_SCHEMA } from './scim-schemas';
import { ScimUser } from './scim-user.entity';

/** What an identity provider asks a user to be, from a POST or PUT body or a patched resource. */
export interface DesiredUser {
  email: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  active: boolean;
}

export type ScimResource = Record<string, unknown>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function toScimUser(staff: StaffMember, link: ScimUser | null, nowIso: string, baseUrl: string): ScimResource {
  const givenName = link?.givenName ?? null;
  const familyName = link?.familyName ?? null;
  const lastModified = link && link.updatedAt > staff.updatedAt ? link.updatedAt : staff.updatedAt;
  return {
    schemas: [USER_SCHEMA],
    id: staff.id,
    externalId: link?.externalId ?? null,
    userName: staff.email,
    name: { givenName, familyName, formatted: staff.displayName },
    displayName: staff.displayName,
    emails: [{ value: staff.email, type: 'work', primary: true }],
    active: staff.hasAccessAt(nowIso),
    meta: { resourceType: 'User', created: staff.createdAt, lastModified, location: `${baseUrl}/scim/v2/Users/${staff.id}` },
  };
}

/** Entra ID sends booleans as the strings "True" and "False". */
export function scimBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidValue(`${field} must be true or false.`);
}

const optionalString = (value: unknown, field: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidValue(`${field} must be a string.`);
  return value.trim() === '' ? null : value.trim();
};

export function desiredUser(resource: ScimResource): DesiredUser {
  const userName = optionalString(resource.userName, 'userName');
  if (userName === null) throw invalidValue('userName is required.');
  if (!EMAIL.test(userName) || userName.length > 320) throw invalidValue('userName must be the person’s email address.');
  const name = (resource.name ?? {}) as Record<string, unknown>;
  if (typeof name !== 'object' || Array.isArray(name)) throw invalidValue('name must be an object.');
  const givenName = optionalString(name.givenName, 'name.givenName');
  const familyName = optionalString(name.familyName, 'name.familyName');
  const joined = [givenName, familyName].filter((part) => part !== null).join(' ');
  const displayName = optionalString(resource.displayName, 'displayName') ?? optionalString(name.formatted, 'name.formatted') ?? (joined || userName);
  return {
    email: userName,
    displayName: displayName.slice(0, 200),
    givenName,
    familyName,
    externalId: optionalString(resource.externalId, 'externalId'),
    active: resource.active === undefined || resource.active === null ? true : scimBoolean(resource.active, 'active'),
  };
}

/** `userName eq "x"` and `externalId eq "x"` (what Entra ID and Okta send); anything else is invalidFilter. */
export function parseFilter(filter: string | undefined): { attribute: 'userName' | 'externalId' | 'id'; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  const match = /^\s*([A-Za-z.:0-9]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = match?.[1].replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '').toLowerCase();
  const known = { username: 'userName', externalid: 'externalId', id: 'id' } as const;
  if (!match || !attribute || !(attribute in known)) {
    throw new ScimError('validation', 'invalidFilter', 'Only filters of the form userName eq "…" or externalId eq "…" are supported.');
  }
  return { attribute: known[attribute as keyof typeof known], value: match[2].replace(/\\(.)/g, '$1') };
}
