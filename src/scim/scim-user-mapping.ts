import { StaffMember } from '../staff/staff.entity';
import { invalidValue, ScimError } from './scim-errors';
import { keyOf, ScimResource } from './scim-path';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-schemas';
import { ScimUser } from './scim-user.entity';

export type { ScimResource } from './scim-path';

/** What an identity provider asks a user to be, from a POST or PUT body or a patched resource. */
export interface DesiredUser {
  email: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  active: boolean;
  /** The enterprise extension's manager: a Gatehouse staff id, or null. */
  managerId: string | null;
  /** The lower-cased work email (emails[type eq "work"].value), or null. */
  workEmailKey: string | null;
  /** Every other attribute as the provider set it, read back on every GET. */
  document: ScimResource;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Attributes Gatehouse keeps in its own columns or computes, and writeOnly or readOnly ones it never stores. */
const NOT_IN_DOCUMENT = ['schemas', 'id', 'meta', 'userName', 'displayName', 'active', 'externalId', 'password', 'groups'];
const MAX_DOCUMENT_CHARS = 32_000;

/** Name parts for people who never had any from a provider (the bootstrap admin): from the display name. */
function derivedName(displayName: string): { givenName: string; familyName: string } {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2) return { givenName: words[0] || displayName, familyName: words[0] || displayName };
  return { givenName: words.slice(0, -1).join(' '), familyName: words[words.length - 1] };
}

export function toScimUser(staff: StaffMember, link: ScimUser | null, lineManager: StaffMember | null, nowIso: string, baseUrl: string): ScimResource {
  const document: ScimResource = { ...(link?.document ?? {}) };
  const lastModified = link && link.updatedAt > staff.updatedAt ? link.updatedAt : staff.updatedAt;
  const storedName = (document[keyOf(document, 'name')] ?? {}) as Record<string, unknown>;
  delete document[keyOf(document, 'name')];
  const derived = derivedName(staff.displayName);
  const name = {
    ...storedName,
    givenName: link?.givenName ?? derived.givenName,
    familyName: link?.familyName ?? derived.familyName,
    formatted: typeof storedName.formatted === 'string' ? storedName.formatted : staff.displayName,
  };
  const emailsKey = keyOf(document, 'emails');
  const emails = Array.isArray(document[emailsKey]) ? document[emailsKey] : [{ value: staff.email, type: 'work', primary: true }];
  delete document[emailsKey];
  const enterpriseKey = keyOf(document, ENTERPRISE_SCHEMA);
  const enterprise = { ...((document[enterpriseKey] as Record<string, unknown>) ?? {}) };
  delete document[enterpriseKey];
  delete enterprise[keyOf(enterprise, 'manager')];
  if (lineManager) enterprise.manager = { value: lineManager.id, $ref: `${baseUrl}/scim/v2/Users/${lineManager.id}`, displayName: lineManager.displayName };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    ...document,
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: staff.id,
    externalId: link?.externalId ?? null,
    userName: staff.email,
    name,
    displayName: staff.displayName,
    emails,
    active: staff.hasAccessAt(nowIso),
    ...(hasEnterprise ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
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
  const get = (name: string) => resource[keyOf(resource, name)];
  const userName = optionalString(get('userName'), 'userName');
  if (userName === null) throw invalidValue('userName is required.');
  if (!EMAIL.test(userName) || userName.length > 320) throw invalidValue('userName must be the person’s email address.');
  const name = (get('name') ?? {}) as Record<string, unknown>;
  if (typeof name !== 'object' || Array.isArray(name)) throw invalidValue('name must be an object.');
  const namePart = (part: string) => optionalString(name[keyOf(name, part)], `name.${part}`);
  for (const part of Object.keys(name)) optionalString(name[part], `name.${part}`);
  const givenName = namePart('givenName');
  const familyName = namePart('familyName');
  const joined = [givenName, familyName].filter((part) => part !== null).join(' ');
  const displayName = optionalString(get('displayName'), 'displayName') ?? namePart('formatted') ?? (joined || userName);
  const active = get('active');
  const document = Object.fromEntries(Object.entries(resource).filter(([key]) => !NOT_IN_DOCUMENT.some((skip) => skip.toLowerCase() === key.toLowerCase())));
  const managerId = extractManager(document);
  const workEmailKey = workEmail(document[keyOf(document, 'emails')]);
  if (JSON.stringify(document).length > MAX_DOCUMENT_CHARS) throw new ScimError('validation', 'tooMany', 'The user has more attributes than Gatehouse keeps.');
  return {
    email: userName,
    displayName: displayName.slice(0, 200),
    givenName,
    familyName,
    externalId: optionalString(get('externalId'), 'externalId'),
    active: active === undefined || active === null ? true : scimBoolean(active, 'active'),
    managerId,
    workEmailKey,
    document,
  };
}

/** The manager as Entra ID or Okta sends it, taken out of the stored document (it is the line manager). */
function extractManager(document: ScimResource): string | null {
  const enterpriseKey = keyOf(document, ENTERPRISE_SCHEMA);
  const enterprise = document[enterpriseKey];
  if (enterprise === undefined || enterprise === null) return null;
  if (typeof enterprise !== 'object' || Array.isArray(enterprise)) throw invalidValue(`${ENTERPRISE_SCHEMA} must be an object.`);
  const extension = { ...(enterprise as Record<string, unknown>) };
  const managerKey = keyOf(extension, 'manager');
  // Entra ID has sent the manager as a bare id, as {value} and as a one-element list of {value}.
  const raw = Array.isArray(extension[managerKey]) && (extension[managerKey] as unknown[]).length <= 1 ? (extension[managerKey] as unknown[])[0] : extension[managerKey];
  delete extension[managerKey];
  if (Object.keys(extension).length > 0) document[enterpriseKey] = extension;
  else delete document[enterpriseKey];
  const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)[keyOf(raw as Record<string, unknown>, 'value')] : raw;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !UUID.test(value)) throw invalidValue('manager must be the id of a user Gatehouse provisioned.');
  return value.toLowerCase();
}

function workEmail(emails: unknown): string | null {
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) throw invalidValue('emails must be a list.');
  for (const entry of emails) {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[keyOf(entry as Record<string, unknown>, 'value')] : undefined;
    if (typeof value !== 'string' || !EMAIL.test(value.trim()) || value.length > 320) throw invalidValue('Each of emails needs a value that is an email address.');
  }
  const typed = (entry: unknown, field: string, expected: unknown) => String((entry as Record<string, unknown>)[keyOf(entry as Record<string, unknown>, field)] ?? '').toLowerCase() === String(expected);
  const work = emails.find((entry) => typed(entry, 'type', 'work')) ?? emails.find((entry) => typed(entry, 'primary', 'true')) ?? emails[0];
  return work === undefined ? null : String((work as Record<string, unknown>)[keyOf(work as Record<string, unknown>, 'value')]).trim().toLowerCase();
}

export type UserFilterAttribute = 'userName' | 'externalId' | 'workEmail' | 'id';

/**
 * `userName eq`, `externalId eq`, `emails[type eq "work"].value eq` and `id eq` (what Entra ID and
 * Okta send); values compare case-insensitively. Anything else is invalidFilter.
 */
export function parseFilter(filter: string | undefined): { attribute: UserFilterAttribute; value: string } | null {
  return parseEqFilter(filter, { username: 'userName', externalid: 'externalId', 'emails[type eq "work"].value': 'workEmail', id: 'id' });
}

export function parseEqFilter<A extends string>(filter: string | undefined, known: Record<string, A>): { attribute: A; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  const match = /^\s*([A-Za-z.:0-9$]+(?:\[\s*type\s+eq\s+"work"\s*\]\.value)?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = match?.[1]
    .replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '')
    .replace(/\s+/g, ' ')
    .replace(/\[ /, '[')
    .replace(/ \]/, ']')
    .toLowerCase();
  if (!match || !attribute || !(attribute in known)) {
    throw new ScimError('validation', 'invalidFilter', `Only filters of the forms ${Object.keys(known).map((name) => `${name} eq "…"`).join(', ')} are supported.`);
  }
  return { attribute: known[attribute], value: match[2].replace(/\\(.)/g, '$1') };
}
