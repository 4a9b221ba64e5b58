import { Clock } from '../../common/clock';
import { FixedContentRuleLists } from '../content-rule-lists';
import { protectedNameEntry } from '../protected-name-hashing';

// Texts for the linear-time tests and the bench: a realistic long post, and shapes that make naive patterns backtrack.

const WORDS = (
  'the a and of to in is was for on with at by our we team residents families staff care home garden summer fair ' +
  'week month day morning afternoon lovely great thank you everyone who came along helped raise money charity local ' +
  'community music tea cake games visit visitors volunteers celebrate birthday party news update welcome new manager ' +
  'nurse activities trip seaside museum park walk sunshine photos smiles kindness support dementia friendly cafe'
).split(' ');
const EXTRAS = ['#CareHomeLife', '#community', '@RiversideCare', 'https://www.riverside.example/news', 'https://elsewhere.net/page.', '12 March 2027', '£250', '2026', 'Mrs Jones', 'info@riverside.example', '(see photos)', '10am–2pm'];

/** A deterministic post of ordinary sentences, hashtags, links and numbers, `length` characters long. */
export function realisticPost(length: number): string {
  let seed = 42;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const sentences: string[] = [];
  let total = 0;
  while (total < length) {
    const words = Array.from({ length: 6 + next(14) }, () => (next(12) === 0 ? EXTRAS[next(EXTRAS.length)] : WORDS[next(WORDS.length)]));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    const sentence = `${words.join(' ')}${['.', '!', '?', '.'][next(4)]}${next(6) === 0 ? '\n\n' : ' '}`;
    sentences.push(sentence);
    total += sentence.length;
  }
  return sentences.join('').slice(0, length);
}

/** Shapes of hostile text, each `length` characters long (about). */
export const ADVERSARIAL: Record<string, (length: number) => string> = {
  'digit run': (n) => '9'.repeat(n),
  'spaced digits': (n) => '1 '.repeat(n / 2),
  'link then dots': (n) => `https://example.org/${'.'.repeat(n - 20)}`,
  'link then closing brackets': (n) => `https://example.org/(${')'.repeat(n - 21)}`,
  'punctuation run': (n) => '.,;:!?'.repeat(n / 6),
  'spaces between words': (n) => `born 1 ${' '.repeat(n - 30)} February ${' '.repeat(10)} 1950 do ${' '.repeat(10)} not`,
  '10,000 spaces': (n) => `Ada ${' '.repeat(Math.min(10_000, n))} Sample ${'x'.repeat(Math.max(0, n - 10_000))}`,
  'one-letter words': (n) => 'a '.repeat(n / 2),
  'email-like run': (n) => `${'a'.repeat(n / 2)}@${'b'.repeat(n / 2)}`,
  'dotted run': (n) => `x@${'b.'.repeat(n / 2)}`,
  'repeated schemes': (n) => 'https://'.repeat(n / 8),
  'repeated www': (n) => 'www.'.repeat(n / 4),
  'hashtag digits': (n) => `#${'1'.repeat(n - 1)}`,
  'mention dots': (n) => `@${'.'.repeat(n - 1)}`,
  'date fragments': (n) => '01/02/'.repeat(n / 6),
  'many dates': (n) => 'born 01/02/1950 '.repeat(n / 16),
  'camel case run': (n) => 'aB'.repeat(n / 2),
  'look-alike letters': (n) => '\u0430\u200B'.repeat(n / 2),
  'many links and emails': (n) => 'https://a.example/x a@b.example '.repeat(n / 32),
};

const salt = 'the-salt-for-sample-texts-0123';
const names = ['Ada Sample', 'Bertram Example', 'Mary Ann Smith'].map((name) => protectedNameEntry(salt, name)!);

/** Lists like an organisation's: the shipped terms, a few protected names, two domains. */
export const SAMPLE_LISTS = new FixedContentRuleLists({
  prohibitedTerms: ['DNACPR', 'DNAR', 'do not resuscitate', 'safeguarding referral', 'incident report', 'medication error', 'strictly confidential', 'c++', 'care plan'],
  protectedNames: { salt, hashes: new Set(names.flatMap((entry) => entry.hashes)), filters: new Set(names.flatMap((entry) => entry.filters)) },
  orgDomains: ['riverside.example', 'riverside-care.example.co.uk'],
});

export const SAMPLE_CLOCK = { now: () => new Date('2026-11-23T09:00:00Z') } as Clock;
