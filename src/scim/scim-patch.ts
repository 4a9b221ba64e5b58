import { PATCH_SCHEMA } from './scim-schemas';
import { invalidValue, ScimError } from './scim-errors';
import { applyAt, PatchOp, ScimResource } from './scim-path';

/**
 * Applies RFC 7644 PATCH operations to a resource, in the forms Entra ID and Okta send:
 * `{"op":"Replace","path":"active","value":"False"}`, `{"op":"replace","value":{"active":false}}`,
 * `name.givenName`, `emails[type eq "work"].value`, the enterprise extension's URN paths.
 * Every attribute is applied; what may not be set is refused afterwards, when the result is read. Returns the patched copy.
 */
export function applyPatch(resource: ScimResource, body: Record<string, unknown>): ScimResource {
  const result: ScimResource = JSON.parse(JSON.stringify(resource));
  for (const { op, path, value } of patchOperations(body)) {
    if (path !== null) {
      applyAt(result, op, path, value);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidValue('Without a path, value must be an object.');
    for (const [key, part] of Object.entries(value)) {
      // An extension's attributes arrive as one object under its schema URN.
      if (isExtensionSchema(key) && typeof part === 'object' && part !== null && !Array.isArray(part)) {
        for (const [attribute, inner] of Object.entries(part)) applyAt(result, op, `${key}:${attribute}`, inner);
      } else {
        applyAt(result, op, key, part);
      }
    }
  }
  return result;
}

/** `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`, not a core attribute's full name. */
const isExtensionSchema = (key: string): boolean => /^urn:/i.test(key) && !/^urn:ietf:params:scim:schemas:core:/i.test(key) && /:(User|Group)$/i.test(key);

/** The operations of a PatchOp body, checked: op names in any case, `Operations` or `operations`. */
export function patchOperations(body: Record<string, unknown>): { op: PatchOp; path: string | null; value: unknown }[] {
  const schemas = body.schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))) throw new ScimError('validation', 'invalidSyntax', `schemas must include ${PATCH_SCHEMA}.`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError('validation', 'invalidSyntax', 'Operations must be a non-empty list.');
  return operations.map((raw) => {
    if (typeof raw !== 'object' || raw === null) throw new ScimError('validation', 'invalidSyntax', 'Each operation must be an object.');
    const operation = raw as Record<string, unknown>;
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError('validation', 'invalidSyntax', `Unknown op "${String(operation.op)}".`);
    const path = typeof operation.path === 'string' && operation.path.trim() !== '' ? operation.path.trim() : null;
    if (path === null && op === 'remove') throw new ScimError('validation', 'noTarget', 'A remove needs a path.');
    return { op, path, value: operation.value };
  });
}
