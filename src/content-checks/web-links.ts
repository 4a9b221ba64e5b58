/** A web address written in a piece of text. */
export interface LinkSpan {
  start: number;
  end: number;
  url: string;
}

// Addresses with a scheme or starting www.; bare "example.com" is too easily confused with prose ("e.g.", "Node.js").
const LINK = /(?<![\p{L}\p{N}@.])(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"’”)\]}]+$/u;

/** The web addresses in the text, without the punctuation that ends the sentence around them. */
export function linksIn(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  for (const match of text.matchAll(LINK)) {
    let url = match[0];
    // Keep a closing bracket that belongs to the address, as in Wikipedia links.
    const trailing = url.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    if (trailing) {
      const keepBracket = trailing.startsWith(')') && (url.match(/\(/g)?.length ?? 0) > (url.slice(0, -trailing.length).match(/\)/g)?.length ?? 0);
      url = url.slice(0, url.length - trailing.length + (keepBracket ? 1 : 0));
    }
    spans.push({ start: match.index, end: match.index + url.length, url });
  }
  return spans;
}

/** The host of an address written with or without a scheme, lower-case and in ASCII; null when it cannot be read. */
export function hostOf(address: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const host = url.hostname.replace(/\.$/, '').toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
