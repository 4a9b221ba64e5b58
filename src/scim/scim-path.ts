import { invalidValue, ScimError } from './scim-errors';

export type ScimResource = Record<string, unknown>;
export type PatchOp = 'add' | 'replace' | 'remove';

/** `attr`, `attr.sub`, `attr[f eq "v"]`, `attr[f eq "v"].sub`, each optionally under a schema URN. */
export interface ScimPath {
  /** The extension schema the attribute lives under (its own object in the resource), or null. */
  schema: string | null;
  attribute: string;
  filter: { attribute: string; value: string } | null;
  sub: string | null;
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;
const PATH = /^([A-Za-z][\w$-]*)(?:\[\s*([A-Za-z][\w$.-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\])?(?:\.([A-Za-z][\w$-]*))?$/i;

export function parsePath(raw: string): ScimPath {
  let path = raw.trim().replace(CORE_PREFIX, '');
  let schema: string | null = null;
  if (/^urn:/i.test(path)) {
    // The attribute follows the schema URN's last colon: urn:...:enterprise:2.0:User:manager.value
    const split = path.lastIndexOf(':');
    schema = path.slice(0, split);
    path = path.slice(split + 1);
  }
  const match = PATH.exec(path);
  if (!match) throw new ScimError('validation', 'invalidPath', `Cannot understand the path "${raw}".`);
  return { schema, attribute: match[1], filter: match[2] ? { attribute: match[2], value: match[3].replace(/\\(.)/g, '$1') } : null, sub: match[4] ?? null };
}

/** The key an attribute already has in an object (attribute names are case-insensitive), or the name given. */
export function keyOf(target: Record<string, unknown>, name: string): string {
  return Object.keys(target).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Applies one operation at `path` to `resource` in place, as RFC 7644 section 3.5.2 describes. */
export function applyAt(resource: ScimResource, op: PatchOp, rawPath: string, value: unknown): void {
  const path = parsePath(rawPath);
  let container: Record<string, unknown> = resource;
  if (path.schema !== null) {
    const key = keyOf(resource, path.schema);
    if (!isObject(resource[key])) {
      if (op === 'remove') return;
      resource[key] = {};
    }
    container = resource[key] as Record<string, unknown>;
  }
  const key = keyOf(container, path.attribute);
  if (path.filter === null) {
    if (path.sub === null) return applyValue(container, key, op, value);
    const current = container[key];
    if (Array.isArray(current)) throw new ScimError('validation', 'invalidPath', `"${rawPath}" needs a filter to pick one of the values.`);
    if (!isObject(current)) {
      if (op === 'remove') return;
      container[key] = {};
    }
    const parent = container[key] as Record<string, unknown>;
    return applyValue(parent, keyOf(parent, path.sub), op, value);
  }
  const list = container[key] === undefined || container[key] === null ? [] : container[key];
  if (!Array.isArray(list)) throw new ScimError('validation', 'invalidPath', `"${path.attribute}" is not multi-valued.`);
  const filter = path.filter;
  const matches = (item: unknown) => isObject(item) && String(item[keyOf(item, filter.attribute)] ?? '').toLowerCase() === filter.value.toLowerCase();
  if (op === 'remove' && path.sub === null) {
    container[key] = list.filter((item) => !matches(item));
    return;
  }
  const targets = list.filter(matches) as Record<string, unknown>[];
  if (targets.length === 0) {
    if (op === 'remove') return;
    // Entra sets emails[type eq "work"].value on a user with no work address yet: the value is created.
    const created: Record<string, unknown> = { [filter.attribute]: filter.value };
    list.push(created);
    targets.push(created);
  }
  for (const target of targets) {
    if (path.sub !== null) applyValue(target, keyOf(target, path.sub), op, value);
    else if (op === 'remove') continue;
    else if (isObject(value)) Object.assign(target, value);
    else throw invalidValue(`"${rawPath}" takes an object.`);
  }
  container[key] = list;
}

function applyValue(target: Record<string, unknown>, key: string, op: PatchOp, value: unknown): void {
  if (op === 'remove') {
    delete target[key];
    return;
  }
  const current = target[key];
  if (op === 'add' && Array.isArray(current) && Array.isArray(value)) {
    const seen = new Set(current.map((item) => JSON.stringify(item)));
    target[key] = [...current, ...value.filter((item) => !seen.has(JSON.stringify(item)))];
  } else if (isObject(current) && isObject(value)) {
    // A complex value replaces the sub-attributes it names and leaves the others (RFC 7644 3.5.2.3).
    target[key] = { ...current, ...value };
  } else {
    target[key] = value;
  }
}
