/** A web address written in a piece of text. */
export interface LinkSpan {
  start: number;
  end: number;
  url: string;
}

/** Longer addresses are not read further: browsers and platforms refuse them, and reading them costs time. */
export const MAX_LINK_LENGTH = 2_048;

// Where an address starts: a scheme or "www."; bare "example.com" is too easily confused with prose ("e.g.", "Node.js").
const LINK_START = /(?<![\p{L}\p{N}@.])(?:https?:\/\/|www\.)/giu;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '’', '”', ')', ']', '}']);

/** Whitespace (as \s means it), <, > or a double quote: where a written address ends. */
function endsLink(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return code === 0x3c || code === 0x3e || code === 0x22;
  return (
    (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0x85 || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * The web addresses in the text, without the punctuation that ends the sentence around them. Each address
 * is read to the next space in one pass, and the scan resumes after it, so the cost is linear in the text.
 */
export function linksIn(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  const start = new RegExp(LINK_START.source, LINK_START.flags);
  let match: RegExpExecArray | null;
  while ((match = start.exec(text)) !== null) {
    const from = match.index;
    let runEnd = from + match[0].length;
    while (runEnd < text.length && !endsLink(text.charCodeAt(runEnd))) runEnd += 1;
    start.lastIndex = runEnd;
    if (runEnd === from + match[0].length) continue;
    const prefixEnd = from + match[0].length;
    let end = runEnd;
    while (end > prefixEnd && TRAILING.has(text[end - 1])) end -= 1;
    // Keep a closing bracket that belongs to the address, as in Wikipedia links.
    if (end < runEnd && text[end] === ')' && end - from <= MAX_LINK_LENGTH && count(text, from, end, '(') > count(text, from, end, ')')) end += 1;
    spans.push({ start: from, end, url: text.slice(from, Math.min(end, from + MAX_LINK_LENGTH)) });
  }
  return spans;
}

function count(text: string, from: number, to: number, character: string): number {
  let found = 0;
  for (let index = from; index < to; index += 1) if (text[index] === character) found += 1;
  return found;
}

/** The host of an address written with or without a scheme, lower-case and in ASCII; null when it cannot be read. */
export function hostOf(address: string): string | null {
  if (address.length > MAX_LINK_LENGTH) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const host = url.hostname.replace(/\.$/, '').toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
