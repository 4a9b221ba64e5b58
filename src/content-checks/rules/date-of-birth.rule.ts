import { TextHit, TextPatternRule } from '../content-rule';
import { NormalisedText } from '../normalised-text';

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';
const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{N}])';
// Spaces between a date's parts, bounded so that a long run of spaces is not scanned again from every digit.
const GAP = '\\s{1,4}';

/** The written forms of a date, each with how to read day, month and year from its groups. */
const FORMS: { pattern: RegExp; read: (m: RegExpMatchArray) => { day: string; month: string; year: string } }[] = [
  // 1950-02-01
  { pattern: new RegExp(`${NOT_BEFORE}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\p{N}])`, 'gu'), read: (m) => ({ year: m[1], month: m[2], day: m[3] }) },
  // 01/02/1950, 1.2.50, 01-02-1950: day first, as in the UK; the same separator twice.
  {
    pattern: new RegExp(`(?<![\\p{L}\\p{N}/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\p{N}])(?![/.-]\\d)`, 'gu'),
    read: (m) => ({ day: m[1], month: m[3], year: m[4] }),
  },
  // 1 February 1950, 1st Feb 1950, 1st of Feb. 1950, 1 Feb '50
  {
    pattern: new RegExp(`${NOT_BEFORE}(\\d{1,2})${ORDINAL}(?:${GAP}of)?${GAP}${MONTH},?${GAP}(\\d{4}|'\\d{2}|’\\d{2})${NOT_AFTER}`, 'giu'),
    read: (m) => ({ day: m[1], month: m[2], year: m[3] }),
  },
  // February 1st, 1950
  {
    pattern: new RegExp(`${NOT_BEFORE}${MONTH}${GAP}(\\d{1,2})${ORDINAL},?${GAP}(\\d{4})${NOT_AFTER}`, 'giu'),
    read: (m) => ({ month: m[1], day: m[2], year: m[3] }),
  },
];

// Words that say a date is someone's birth: "born", "DOB", "D.O.B.", "date of birth", "birthday", "birth date".
const BIRTH_CUE = /(?<![\p{L}])(?:born|birth(?:day|date)?s?|d\.?\s?o\.?\s?b)(?![\p{L}])/iu;
// Words that say an old date is the organisation's history or someone's service, not a person's birth.
const HISTORY_CUE = /(?<![\p{L}])(?:founded|opened|established|est|since|built|anniversary|history|joined|started|retired|served|service|qualified)(?![\p{L}])/iu;
// How far around a date to look for those words, within its sentence.
const LOOK_BEHIND = 60;
const LOOK_AHEAD = 30;
/** Staff and the people the service supports are adults: a full date this long ago is likely a birth date. */
export const ADULT_YEARS = 16;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Dates of birth, in the usual UK forms. A date counts as a birth date when:
 * - it is not in the future (nobody is born in the future: "join us on 12 March 2027" passes), and
 * - either a birth word is near it in the same sentence ("born", "DOB", "date of birth", "birthday"),
 * - or it is at least 16 years ago, with a four-digit year, and no history word near it
 *   ("founded", "opened", "since", "anniversary", "joined", "service"...): recent dates are news, old full
 *   dates are mostly people's birthdays.
 * Two-digit years ("1.2.50") count only with a birth word: alone they are as likely a version number.
 * Dates without a year ("born on 3 May") and a year alone ("born in 1950") are not flagged.
 */
export class DateOfBirthRule extends TextPatternRule {
  readonly name = 'DATE_OF_BIRTH';
  readonly severity = 'block';

  constructor(private readonly today: () => Date) {
    super();
  }

  findIn({ text: value }: NormalisedText): TextHit[] {
    const now = this.today();
    const todayDate = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
    const adultCutoff = { ...todayDate, year: todayDate.year - ADULT_YEARS };
    const hits: TextHit[] = [];
    // Characters already inside a hit: a date found by one form is not found again by another.
    const covered = new Uint8Array(value.length);
    let cues: Cues | null = null;
    for (const form of FORMS) {
      for (const match of value.matchAll(form.pattern)) {
        const start = match.index!;
        const end = start + match[0].length;
        if (isCovered(covered, start, end)) continue;
        const parts = form.read(match);
        const twoDigitYear = parts.year.length !== 4;
        const date = toDate(parts, todayDate.year);
        if (!date || compare(date, todayDate) > 0) continue;
        // The words around a date are found once for the whole text, so many dates cost no more than one each.
        cues ??= findCues(value);
        const from = Math.max(start - LOOK_BEHIND, lastEndWithin(cues.sentenceEnds, start - LOOK_BEHIND, start));
        const to = Math.min(end + LOOK_AHEAD, firstStartWithin(cues.sentenceEnds, end, end + LOOK_AHEAD));
        const cued = near(cues.birth, from, start, end, to);
        const old = !twoDigitYear && compare(date, adultCutoff) <= 0 && !near(cues.history, from, start, end, to);
        if (!cued && !old) continue;
        covered.fill(1, start, end);
        hits.push({ start, end, message: 'This looks like a date of birth. Never identify a service user or a colleague: remove it.' });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}

function isCovered(covered: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (covered[index] === 1) return true;
  return false;
}

function toDate(parts: { day: string; month: string; year: string }, currentYear: number): CalendarDate | null {
  const day = Number(parts.day);
  const month = isDigit(parts.month.charCodeAt(0)) ? Number(parts.month) : MONTH_NAMES.indexOf(parts.month.slice(0, 3).toLowerCase()) + 1;
  // "'50" and "’50": the apostrophe stands for the century.
  let year = Number(isDigit(parts.year.charCodeAt(0)) ? parts.year : parts.year.slice(1));
  if (year < 100) {
    // "50" is 1950 and "27" is 2027: a two-digit year up to ten years ahead is this century.
    const century = Math.floor(currentYear / 100) * 100;
    year += year <= (currentYear % 100) + 10 ? century : century - 100;
  }
  if (month < 1 || month > 12 || day < 1 || year < 1850) return null;
  return day <= daysInMonth(year, month) ? { year, month, day } : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether a cue lies before the date within its sentence, or after it. */
function near(spans: Span[], from: number, start: number, end: number, to: number): boolean {
  return anyWithin(spans, from, start) || anyWithin(spans, end, to);
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// A sentence ends at ! ? a line break, or a full stop followed by spaces and a capital ("D.O.B. 01/02/1950" is one sentence).
const SENTENCE_END = /[!?\n]|\.\s+(?=\p{Lu})/gu;

type Span = { start: number; end: number };

interface Cues {
  sentenceEnds: Span[];
  birth: Span[];
  history: Span[];
}

function spansOf(pattern: RegExp, text: string): Span[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(global)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function findCues(text: string): Cues {
  return { sentenceEnds: spansOf(SENTENCE_END, text), birth: spansOf(BIRTH_CUE, text), history: spansOf(HISTORY_CUE, text) };
}

/** The index of the first span starting at or after `at` (spans are in text order). */
function firstFrom(spans: Span[], at: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where the sentence holding `to` starts, looking back no further than `from`: the end of the last sentence end in between. */
function lastEndWithin(spans: Span[], from: number, to: number): number {
  let found = from;
  for (let index = firstFrom(spans, from); index < spans.length && spans[index].end <= to; index += 1) found = spans[index].end;
  return found;
}

/** Where the sentence holding `from` ends, looking ahead no further than `to`. */
function firstStartWithin(spans: Span[], from: number, to: number): number {
  const index = firstFrom(spans, from);
  return index < spans.length && spans[index].start < to ? spans[index].start : to;
}

/** Whether a span lies wholly within [from, to). */
function anyWithin(spans: Span[], from: number, to: number): boolean {
  for (let index = firstFrom(spans, from); index < spans.length && spans[index].start < to; index += 1) if (spans[index].end <= to) return true;
  return false;
}
