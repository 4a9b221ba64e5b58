/** Platforms may trim or re-flow whitespace; compare what a reader would see. */
export function sameText(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** Instagram and YouTube have no link field: the link goes on its own line unless the text already has it. */
export function textWithLink(text: string, link: string | null | undefined): string {
  if (!link || text.includes(link)) return text;
  return text === '' ? link : `${text}\n\n${link}`;
}

/** The platform's clock and ours may disagree a little; a post stamped just outside the window still counts. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export function withinWindow(ms: number | null, sinceIso: string, untilIso: string): boolean {
  return ms !== null && ms >= Date.parse(sinceIso) - CLOCK_SKEW_MS && ms <= Date.parse(untilIso) + CLOCK_SKEW_MS;
}
