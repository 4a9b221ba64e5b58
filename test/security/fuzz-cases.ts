/**
 * Malformed and edge-case requests generated from the OpenAPI document, so routes added later are
 * walked too. Everything random comes from one seeded generator: a failure names a case that replays.
 */

export type Schema = Record<string, any>;
export type OpenApiDocument = { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };

export interface Operation {
  method: string;
  path: string;
  spec: Schema;
}

export interface FuzzCase {
  label: string;
  method: string;
  /** The path with its parameters filled in and percent-encoded. */
  url: string;
  /** A JSON text (sent as application/json), or a multipart form. */
  json?: string;
  form?: { fields: Record<string, string>; file?: { name: string; bytes: Buffer } };
}

/** mulberry32: small, fast and the same on every machine. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, count);
  }
}

export const DEEP_LEVELS = 5000;
/** A well-formed id that names nothing. */
export const UNKNOWN_ID = '3f1c6b2e-8a4d-4c1e-9f7a-2b5d8e6c4a10';

/** A JSON text nested `levels` deep, written out rather than stringified (stringify would recurse). */
export const deepJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const nested = (levels: number): unknown => (levels === 0 ? 'x' : { a: nested(levels - 1) });

/** Values that are wrong for some field or other: wrong types, nulls, huge numbers, bad dates, text no database takes. */
const BAD_VALUES: { label: string; json: string }[] = [
  ...(
    [
      ['null', null],
      ['true', true],
      ['zero', 0],
      ['minus one', -1],
      ['a fraction', 1.5],
      ['a huge number', 1e308],
      ['past 2^53', 9007199254740993],
      ['an empty string', ''],
      ['whitespace', ' \t\n '],
      ['a NUL byte', '\u0000'],
      ['text with a NUL byte', 'a\u0000b'],
      ['a lone high surrogate', '\ud800'],
      ['a lone low surrogate', 'x\udc00'],
      ['a week date', '2027-W01'],
      ['a basic-format date', '20271201'],
      ['a comma fraction', '2027-12-01T10:00:00,5Z'],
      ['30 February', '2027-02-30T10:00:00Z'],
      ['hour 24', '2027-12-01T24:00:00Z'],
      ['a date without zone', '2027-12-01T10:00:00'],
      ['year 0', '0000-01-01T00:00:00Z'],
      ['not a UUID', 'not-a-uuid'],
      ['an unknown UUID', UNKNOWN_ID],
      ['a long string', 'x'.repeat(10_001)],
      ['an empty array', []],
      ['a nested array', [[]]],
      ['an array of null', [null]],
      ['an empty object', {}],
      ['an operator object', { $ne: 1 }],
      ['an object nested 40 deep', nested(40)],
      ['emoji', '\u{1F600}'],
    ] as [string, unknown][]
  ).map(([label, value]) => ({ label, json: JSON.stringify(value) })),
  { label: 'a number beyond double', json: '1e400' },
  { label: `an array nested ${DEEP_LEVELS} deep`, json: deepJson(DEEP_LEVELS) },
];

const BAD_QUERY_VALUES = [
  '',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%',
  '2027-W01',
  '20271201',
  '2027-12-01T10:00:00,5Z',
  '2027-02-30T10:00:00Z',
  'null',
  'true',
  '-1',
  '1.5',
  '1e308',
  '99999999999999999999',
  'not-a-uuid',
  'x'.repeat(5000),
];

const BAD_PATH_VALUES = ['not-a-uuid', '%00', 'a%00b', '%ED%A0%80', '%', "'%20OR%201=1--", 'x'.repeat(2000), '..%2F..', '00000000-0000-0000-0000-00000000000%00'];

export function operations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, spec]) => ({ method: method.toUpperCase(), path, spec })),
  );
}

/** Turns a path template into a URL, each parameter from `idFor` unless overridden (already encoded). */
function fill(operation: Operation, idFor: (path: string, name: string) => string, override: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? encodeURIComponent(idFor(operation.path, name)));
}

export class CaseGenerator {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly rng: Rng,
    /** A real id for a path parameter, so a case reaches the rules rather than stopping at 404. */
    private readonly idFor: (path: string, name: string) => string,
    /** A real value for a body field where a made-up one would stop at the first check (ids of fixtures). */
    private readonly valueFor: (name: string, schema: Schema) => unknown,
    private readonly valuesPerField: number,
  ) {}

  private resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    while (current.$ref) current = this.document.components?.schemas?.[current.$ref.split('/').pop()] ?? {};
    return current;
  }

  /** A value that passes validation as far as the schema tells. */
  example(schema: Schema | undefined, name: string, depth = 0): unknown {
    const resolved = this.resolve(schema);
    const given = this.valueFor(name, resolved);
    if (given !== undefined) return given;
    if (resolved.enum) return resolved.enum[0];
    if (resolved.type === 'array') return depth > 4 ? [] : [this.example(resolved.items, name, depth + 1)];
    if (resolved.type === 'object' || resolved.properties) {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries<Schema>(resolved.properties ?? {})) result[key] = this.example(property, key, depth + 1);
      return result;
    }
    if (resolved.type === 'boolean') return false;
    if (resolved.type === 'number' || resolved.type === 'integer') return resolved.minimum ?? 1;
    if (resolved.format === 'uuid') return UNKNOWN_ID;
    if (resolved.format === 'uri') return 'https://example.test/page';
    return `Fuzz ${name}`;
  }

  private jsonBody(operation: Operation): Schema | undefined {
    return operation.spec.requestBody?.content?.['application/json']?.schema;
  }

  private isMultipart(operation: Operation): boolean {
    return operation.spec.requestBody?.content?.['multipart/form-data'] !== undefined;
  }

  /** The request as a careful client would send it. */
  base(operation: Operation): FuzzCase {
    const required = (operation.spec.parameters ?? []).filter((p: Schema) => p.in === 'query' && p.required);
    const query = required.map((p: Schema) => `${p.name}=${encodeURIComponent(String(this.example(p.schema, p.name)))}`).join('&');
    const url = fill(operation, this.idFor) + (query ? `?${query}` : '');
    const schema = this.jsonBody(operation);
    if (schema) return { label: 'a well-formed request', method: operation.method, url, json: JSON.stringify(this.example(schema, 'body')) };
    if (this.isMultipart(operation)) return { label: 'a well-formed upload', method: operation.method, url, form: { fields: {}, file: { name: 'a.txt', bytes: Buffer.from('hello') } } };
    return { label: 'a well-formed request', method: operation.method, url };
  }

  /** Every malformed variant of the operation: path, query and body. */
  cases(operation: Operation): FuzzCase[] {
    const base = this.base(operation);
    return [...this.pathCases(operation, base), ...this.queryCases(operation, base), ...this.bodyCases(operation, base)];
  }

  private pathCases(operation: Operation, base: FuzzCase): FuzzCase[] {
    const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    return names.flatMap((name) =>
      BAD_PATH_VALUES.map((value) => ({ ...base, label: `path ${name} = ${value.slice(0, 40)}`, url: fill(operation, this.idFor, { [name]: value }) })),
    );
  }

  private queryCases(operation: Operation, base: FuzzCase): FuzzCase[] {
    const names: string[] = (operation.spec.parameters ?? []).filter((p: Schema) => p.in === 'query').map((p: Schema) => p.name);
    const queries = names.flatMap((name) => [
      ...this.rng.sample(BAD_QUERY_VALUES, this.valuesPerField).map((value) => `${name}=${value}`),
      `${name}=1&${name}=2`,
      `${name}[]=1`,
      `${name}[a][b]=1`,
    ]);
    queries.push('unknownParameter=1', '__proto__[x]=1', 'constructor=1');
    return queries.map((query) => ({ ...base, label: `query ${query.slice(0, 60)}`, url: `${base.url}${base.url.includes('?') ? '&' : '?'}${query}` }));
  }

  private bodyCases(operation: Operation, base: FuzzCase): FuzzCase[] {
    if (this.isMultipart(operation)) return this.multipartCases(base);
    const schema = this.jsonBody(operation);
    const whole = ['null', '[]', '"text"', '42', '{}', deepJson(DEEP_LEVELS), '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}'];
    const cases: FuzzCase[] = whole.map((json) => ({ ...base, label: `body ${json.slice(0, 30)}`, json }));
    if (!schema) {
      // Routes without a body still get one: it must be ignored or refused, never crash them.
      cases.push({ ...base, label: 'an unexpected body', json: '{"x": "\\u0000"}' });
      return cases;
    }
    const body = JSON.parse(base.json!) as unknown;
    for (const path of fieldPaths(body)) {
      for (const bad of this.rng.sample(BAD_VALUES, this.valuesPerField)) {
        cases.push({ ...base, label: `${path.join('.')} = ${bad.label}`, json: replaceAt(body, path, bad.json) });
      }
      cases.push({ ...base, label: `${path.join('.')} left out`, json: replaceAt(body, path, undefined) });
    }
    for (const path of objectPaths(body)) {
      cases.push({ ...base, label: `an extra field in ${path.join('.') || 'the body'}`, json: replaceAt(body, [...path, 'unexpected\u0000field'], '"x"') });
      cases.push({ ...base, label: `an unknown field in ${path.join('.') || 'the body'}`, json: replaceAt(body, [...path, 'isAdmin'], 'true') });
    }
    return cases;
  }

  private multipartCases(base: FuzzCase): FuzzCase[] {
    return [
      { ...base, label: 'an upload without a file', form: { fields: { note: 'x' } } },
      { ...base, label: 'an empty file', form: { fields: {}, file: { name: 'empty.png', bytes: Buffer.alloc(0) } } },
      { ...base, label: 'a file name with a NUL byte', form: { fields: {}, file: { name: 'a\u0000.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) } } },
      { ...base, label: 'a field with a NUL byte', form: { fields: { altText: 'a\u0000b' }, file: { name: 'a.png', bytes: Buffer.from('x') } } },
      { ...base, label: 'a JSON body instead of a form', form: undefined, json: '{"file": "x"}' },
      { ...base, label: `a JSON body nested ${DEEP_LEVELS} deep`, form: undefined, json: deepJson(DEEP_LEVELS) },
    ];
  }
}

type Path = (string | number)[];

/** Every field and array item in a body, nested ones included. */
function fieldPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...fieldPaths(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
  }
  return [];
}

function objectPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...prefix, index]));
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...prefix, key]))];
  return [];
}

/** The body as JSON text with the value at `path` replaced by a JSON text (or removed), spliced in as text so deep values need no stringify. */
function replaceAt(body: unknown, path: Path, json: string | undefined): string {
  const marker = '__fuzz_replaced_value__';
  const copy = structuredClone(body) as any;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1];
  if (json === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), json);
}
