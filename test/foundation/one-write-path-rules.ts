/**
 * The source rules of the one write path (DESIGN.md): an audit entry is written only through WritePath,
 * and a status is written or compared only in a `*-lifecycle.ts` file or in src/common/. Each rule finds
 * offending lines in one file's text; reads (a DTO's enum, a view copying `status: draft.status`, a
 * list filtered by the caller's `?status=`) are not offences.
 */

export interface Hit {
  line: number;
  rule: string;
  text: string;
}

export interface Rule {
  name: string;
  /** Whether the rule applies to a file (path relative to the repository, with forward slashes). */
  appliesTo(path: string): boolean;
  find(source: string): { index: number }[];
}

const matchesOf = (source: string, pattern: RegExp): RegExpExecArray[] =>
  [...source.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))] as RegExpExecArray[];

const AUDIT_HOME = (path: string) => path.startsWith('src/audit/') || path.startsWith('src/common/write-path/');
const STATUS_HOME = (path: string) => /-lifecycle\.ts$/.test(path) || path.startsWith('src/common/') || path.startsWith('src/common/database/migrations/') || /\.spec\.ts$/.test(path);

/** The text of a call's arguments: from the `(` at `open` to its matching `)`, strings and comments skipped. */
export function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1 || source.length;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

/** Every `pattern` found inside the arguments of a call matched by `call` (whose match ends at its `(`). */
function insideCalls(source: string, call: RegExp, pattern: (args: string) => { index: number }[]): { index: number }[] {
  const found = new Map<number, { index: number }>();
  for (const m of matchesOf(source, call)) {
    const open = m.index + m[0].length - 1;
    for (const hit of pattern(argumentsAt(source, open))) found.set(open + hit.index, { index: open + hit.index });
  }
  return [...found.values()];
}

/** The spans of string literals and of comments, in source order (a rough lexer: enough for this code base). */
function spansOf(source: string): { start: number; end: number; string: boolean }[] {
  const spans: { start: number; end: number; string: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const start = i;
      while (i < source.length && source[i] !== '\n') i++;
      spans.push({ start, end: i, string: false });
    } else if (c === '/' && source[i + 1] === '*') {
      const start = i;
      i = source.indexOf('*/', i + 2) + 1 || source.length;
      spans.push({ start, end: i, string: false });
    } else if (c === "'" || c === '"' || c === '`') {
      const start = i + 1;
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
      spans.push({ start, end: i, string: true });
    } else if (c === '/' && /(?:^|[(,=:[!&|?{};]|\breturn)\s*$/.test(source.slice(Math.max(0, i - 10), i))) {
      // A regular expression literal: its quotes open no string.
      const start = i;
      let inClass = false;
      for (i++; i < source.length && source[i] !== '\n' && (inClass || source[i] !== '/'); i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
      }
      spans.push({ start, end: i, string: false });
    }
  }
  return spans;
}

/** Every `pattern` found inside a string literal (SQL lives in strings; the code around it is not SQL). */
function insideStrings(source: string, pattern: RegExp): { index: number }[] {
  return spansOf(source)
    .filter((span) => span.string)
    .flatMap((span) => matchesOf(source.slice(span.start, span.end), pattern).map((m) => ({ index: span.start + m.index })));
}

/** Every `pattern` found in code, not in a string or a comment (`'d.status = :status'` is a query, not an assignment). */
function inCode(source: string, pattern: RegExp): { index: number }[] {
  const spans = spansOf(source);
  return matchesOf(source, pattern).filter((m) => !spans.some((span) => m.index >= span.start && m.index < span.end));
}

// A status written: the key (or shorthand) in the values of a write, unless it is the lifecycle's initial state.
const STATUS_KEY = /(?:\bstatus\s*:(?!\s*[\w.]*LIFECYCLE\.initial\b)|[{,]\s*status\s*(?=[,}]))/;
// `.set({...})` is a query builder's; `map.set(key, value)` is not a write.
const WRITE_CALL = /\.(?:update|save|insert|upsert|create)\s*\(|\.set\s*\((?=\s*\{)|\bObject\.assign\s*\(/;
// A status compared with a literal in a find: `{ status: 'open' }`, `status: Not('closed')`, `status: In(['a'])`.
const LITERAL_CRITERION = /\bstatus\s*:\s*(?:'[a-z_]+'|"[a-z_]+"|(?:Not|In|Any|Equal)\(\s*\[?\s*['"])/;
const FIND_CALL = /\.(?:find|findOne|findBy|findOneBy|findOneByOrFail|findOneOrFail|findAndCount|count|countBy|exist|exists|existsBy|delete|softDelete|sum|average|minimum|maximum)\s*\(/;

export const RULES: Rule[] = [
  {
    name: 'AuditTrail outside WritePath',
    appliesTo: (path) => !AUDIT_HOME(path),
    find: (source) => matchesOf(source, /\bAuditTrail\b/),
  },
  {
    name: 'audit or history record() outside WritePath',
    appliesTo: (path) => !AUDIT_HOME(path),
    // WritePath's own record()/recordMany() is the way; a trail or history written directly is not.
    find: (source) => matchesOf(source, /\b(?:audit|auditTrail|trail|history|histories|draftHistory)\s*\.\s*record(?:Many)?\s*\(/),
  },
  {
    name: 'DraftHistory used',
    appliesTo: () => true,
    find: (source) => matchesOf(source, /\bDraftHistory\b/),
  },
  {
    name: 'status assigned',
    appliesTo: (path) => !STATUS_HOME(path),
    // `x.status = ...`, unless it copies a status read elsewhere into a view (`view.status = row.status`, `= dpiaStatusAt(row, now)`).
    find: (source) => inCode(source, /\.status\s*=(?![=>])(?!\s*(?:[\w.]+\.status|[\w.]*[sS]tatusAt\([^)]*\))\s*[;,)])/),
  },
  {
    name: 'status compared with a literal',
    appliesTo: (path) => !STATUS_HOME(path),
    // 'all' is a list filter's "no filter", not a state.
    // `this.redis.status` and `this.connection.status` are the Redis client's, not a lifecycle's.
    find: (source) => [
      ...inCode(source, /(?<!typeof\s+[\w.?]*)(?<!\bthis\.(?:redis|connection)\??\.)\bstatus\s*(?:===|!==|==|!=)\s*['"`](?!all['"`])/),
      ...inCode(source, /['"`]\s*(?:===|!==|==|!=)\s*[\w.]*\bstatus\b(?!\()/),
      ...inCode(source, /\[\s*['"][a-z_]+['"][^\]]*\]\s*\.\s*includes\(\s*[\w.]*\bstatus\s*\)/),
      ...inCode(source, /\bswitch\s*\(\s*[\w.]*\bstatus\s*\)/),
    ],
  },
  {
    name: 'states listed by hand',
    appliesTo: (path) => !STATUS_HOME(path),
    // A subset of a lifecycle's states (or one of them) is a rule: the lifecycle says it. Declaring all of them (`as const`) is not.
    find: (source) =>
      inCode(source, /(?::\s*(?:readonly\s+)?\w*(?:Status|State)\[\]|ReadonlyArray<\w*(?:Status|State)>)\s*=\s*\[\s*['"]|\bSet<\w*(?:Status|State)>\(\s*\[\s*['"]|:\s*\w*(?:Status|State)\s*=\s*['"]/),
  },
  {
    name: 'status written in a write call',
    appliesTo: (path) => !STATUS_HOME(path),
    find: (source) => insideCalls(source, WRITE_CALL, (args) => matchesOf(args, STATUS_KEY)),
  },
  {
    name: 'status compared with a literal in a find',
    appliesTo: (path) => !STATUS_HOME(path),
    find: (source) => insideCalls(source, FIND_CALL, (args) => matchesOf(args, LITERAL_CRITERION)),
  },
  {
    name: 'status set in SQL',
    appliesTo: (path) => !STATUS_HOME(path),
    // In the statement, or a fragment of a SET list joined later (`"status" = ${to}`).
    find: (source) => [...insideStrings(source, /\bSET\s+(?:[\w."]+\s*=\s*[^,]+,\s*)*"?status"?\s*=/i), ...insideStrings(source, /^\s*"?status"?\s*=\s*(?!:)/)],
  },
  {
    name: 'status compared with a literal in SQL',
    appliesTo: (path) => !STATUS_HOME(path),
    find: (source) => insideStrings(source, /\bstatus"?\s*(?:(?:NOT\s+)?IN\s*\(\s*'|(?:=|<>|!=)\s*'[a-z_]+')/i),
  },
  {
    name: 'status compared with a literal bound as a parameter',
    appliesTo: (path) => !STATUS_HOME(path),
    // `.where('s.status = :active', { active: 'active' })`: a literal all the same; `{ status }` from a query is not.
    find: (source) =>
      insideCalls(source, /\.(?:where|andWhere|orWhere|having|andHaving|orHaving|query)\s*\(/, (args) => {
        const hits: { index: number }[] = [];
        for (const m of matchesOf(args, /\bstatus"?\s*(?:=|<>|!=|(?:NOT\s+)?IN)\s*\(?\s*:(?:\.\.\.)?(\w+)/i)) {
          if (new RegExp(`\\b${m[1]}\\s*:\\s*(?:'[a-z_]+'|"[a-z_]+"|\\[\\s*')`).test(args)) hits.push(m);
        }
        return hits;
      }),
  },
];

/** Every rule's hits in one file, one per line (naming each rule it breaks), in line order. */
export function scan(path: string, source: string): Hit[] {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (index: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const lines = source.split('\n');
  const hits = new Map<number, Hit>();
  for (const rule of RULES) {
    if (!rule.appliesTo(path)) continue;
    for (const { index } of rule.find(source)) {
      const line = lineOf(index);
      const text = lines[line].trim();
      // A line in a comment explains; it does not write.
      if (/^(\/\/|\*|\/\*)/.test(text)) continue;
      const seen = hits.get(line);
      if (!seen) hits.set(line, { line: line + 1, rule: rule.name, text });
      else if (!seen.rule.split('; ').includes(rule.name)) seen.rule += `; ${rule.name}`;
    }
  }
  return [...hits.values()].sort((a, b) => a.line - b.line);
}
