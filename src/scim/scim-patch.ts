import { PATCH_SCHEMA } from './scim-schemas';
import { invalidValue, ScimError } from './scim-errors';
import { ScimResource } from './scim-user-mapping';

const USER_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:User:/i;

/**
 * Applies RFC 7644 PATCH operations to a resource, in the forms Entra ID and Okta send:
 * `{"op":"Replace","path":"active","value":"False"}`, `{"op":"replace","value":{"active":false}}`,
 * `name.givenName`. Attributes Gatehouse does not keep are ignored. Returns the patched copy.
 */
export function applyPatch(resource: ScimResource, body: Record<string, unknown>): ScimResource {
  const schemas = body.schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))) throw new ScimError('validation', 'invalidSyntax', `schemas must include ${PATCH_SCHEMA}.`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError('validation', 'invalidSyntax', 'Operations must be a non-empty list.');
  const result: ScimResource = JSON.parse(JSON.stringify(resource));
  for (const raw of operations) {
    if (typeof raw !== 'object' || raw === null) throw new ScimError('validation', 'invalidSyntax', 'Each operation must be an object.');
    const operation = raw as Record<string, unknown>;
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (!['add', 'replace', 'remove'].includes(op)) throw new ScimError('validation', 'invalidSyntax', `Unknown op "${String(operation.op)}".`);
    const path = typeof operation.path === 'string' && operation.path.trim() !== '' ? operation.path.trim() : null;
    if (path === null) {
      if (op === 'remove') throw new ScimError('validation', 'noTarget', 'A remove needs a path.');
      if (typeof operation.value !== 'object' || operation.value === null || Array.isArray(operation.value)) throw invalidValue('Without a path, value must be an object.');
      for (const [key, value] of Object.entries(operation.value)) setPath(result, key, value);
    } else {
      setPath(result, path, op === 'remove' ? null : operation.value);
    }
  }
  return result;
}

function setPath(resource: ScimResource, rawPath: string, value: unknown): void {
  const path = rawPath.replace(USER_PREFIX, '');
  // Attributes Gatehouse does not keep (title, phoneNumbers, the enterprise extension...) are ignored,
  // as identity providers send their whole mapping and expect the supported part to apply.
  if (path.startsWith('urn:')) return;
  // One address is kept and userName is it; the emails list only mirrors userName.
  if (/^emails\b/i.test(path)) return;
  const [head, ...rest] = path.split('.');
  const key = ATTRIBUTES.find((known) => known.toLowerCase() === head.toLowerCase());
  if (!key) return;
  if (rest.length === 0) {
    if (key === 'name' && typeof value === 'object' && value !== null) resource.name = { ...((resource.name as object) ?? {}), ...value };
    else resource[key] = value;
    return;
  }
  if (key !== 'name' || rest.length !== 1) throw new ScimError('validation', 'invalidPath', `Cannot change "${rawPath}".`);
  const part = NAME_PARTS.find((known) => known.toLowerCase() === rest[0].toLowerCase());
  if (!part) return;
  const name = { ...((resource.name as Record<string, unknown>) ?? {}) };
  name[part] = value;
  resource.name = name;
}

const ATTRIBUTES = ['userName', 'displayName', 'name', 'active', 'externalId'];
const NAME_PARTS = ['givenName', 'familyName', 'formatted'];
