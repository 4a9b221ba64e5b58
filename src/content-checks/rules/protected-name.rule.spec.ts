import { hashKey } from '../protected-name-hashing';
import { ProtectedNameRule } from './protected-name.rule';

const salt = 'a-test-salt-of-some-length';
const rule = new ProtectedNameRule({ salt, hashes: new Set(['jane doe', 'doe jane', 'zoe obrien', 'ann'].map((key) => hashKey(salt, key))) });
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('PROTECTED_NAME', () => {
  it('finds a name as adjacent words, whatever the case, accents and punctuation', () => {
    expect(find('We celebrated with Jane Doe today')).toEqual(['Jane Doe']);
    expect(find('JANE DOE’s birthday')).toEqual(['JANE DOE’s']);
    expect(find('Doe, Jane was there')).toEqual(['Doe, Jane']);
    expect(find('Zoë O’Brien and ZOE OBRIEN')).toEqual(['Zoë O’Brien', 'ZOE OBRIEN']);
    expect(find('Jane\nDoe')).toEqual(['Jane\nDoe']);
  });

  it('finds a single-word name only as a whole word', () => {
    expect(find('Ann came; Anne, Annual, Joanna and Ann-Marie')).toEqual(['Ann', 'Ann']);
    expect(find('Annual report')).toEqual([]);
  });

  it('does not match across a sentence end or inside longer words', () => {
    expect(find('Thanks Jane. Doe-eyed puppies came')).toEqual([]);
    expect(find('Janet Doerr and Janedoe')).toEqual([]);
    expect(find('Jane Smith and John Doe')).toEqual([]);
  });

  it('blocks, pointing at the name; an empty list finds nothing', () => {
    expect(rule.check({ platform: 'facebook', text: 'Hi Jane Doe!', media: [] })).toEqual([
      { rule: 'PROTECTED_NAME', severity: 'block', message: expect.stringContaining('Never identify a service user'), start: 3, end: 11 },
    ]);
    expect(new ProtectedNameRule({ salt, hashes: new Set() }).find('Jane Doe')).toEqual([]);
  });

  it('checks 10,000 words quickly', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `word${i % 3000}`).join(' ');
    const started = process.hrtime.bigint();
    expect(rule.find(`${text} Jane Doe`)).toHaveLength(1);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
