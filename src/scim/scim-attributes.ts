import { keyOf, ScimResource } from './scim-path';

/** `?attributes=` and `?excludedAttributes=` (RFC 7644 section 3.9); `id` and `schemas` are always returned. */
export interface Projection {
  attributes: string[] | null;
  excluded: string[];
}

const ALWAYS = ['id', 'schemas'];
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((name) => name.trim().replace(CORE_PREFIX, ''))
    .filter((name) => name !== '');

export function projection(attributes: string | undefined, excludedAttributes: string | undefined): Projection {
  const wanted = list(attributes);
  return { attributes: wanted.length > 0 ? wanted : null, excluded: list(excludedAttributes) };
}

/** Splits `name.givenName` or `urn:...:User:manager` into the top-level key and the sub-attribute. */
function split(resource: ScimResource, name: string): [string, string | null] {
  const urn = Object.keys(resource).find((key) => key.startsWith('urn:') && name.toLowerCase().startsWith(`${key.toLowerCase()}:`));
  if (urn) return [urn, name.slice(urn.length + 1) || null];
  if (name.startsWith('urn:')) return [name, null];
  const dot = name.indexOf('.');
  return dot < 0 ? [name, null] : [name.slice(0, dot), name.slice(dot + 1)];
}

export function project(resource: ScimResource, { attributes, excluded }: Projection): ScimResource {
  if (attributes === null && excluded.length === 0) return resource;
  let result: ScimResource;
  if (attributes !== null) {
    result = {};
    for (const key of ALWAYS) if (key in resource) result[key] = resource[key];
    for (const name of attributes) {
      const [head, sub] = split(resource, name);
      const key = keyOf(resource, head);
      if (!(key in resource)) continue;
      const value = resource[key];
      if (sub === null || typeof value !== 'object' || value === null || Array.isArray(value)) {
        result[key] = value;
        continue;
      }
      const inner = value as Record<string, unknown>;
      const subKey = keyOf(inner, sub);
      if (subKey in inner) result[key] = { ...((result[key] as object) ?? {}), [subKey]: inner[subKey] };
    }
  } else {
    result = { ...resource };
  }
  for (const name of excluded) {
    const [head, sub] = split(result, name);
    const key = keyOf(result, head);
    if (ALWAYS.includes(key) || !(key in result)) continue;
    if (sub === null) {
      delete result[key];
      continue;
    }
    const value = result[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const inner = { ...(value as Record<string, unknown>) };
      delete inner[keyOf(inner, sub)];
      result[key] = inner;
    }
  }
  return result;
}
