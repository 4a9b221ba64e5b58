import { ProhibitedTermRule } from './prohibited-term.rule';

const rule = new ProhibitedTermRule(['ass', 'do not resuscitate', 'DNACPR', 'care plan', 'care plan review', 'c++']);
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('PROHIBITED_TERM', () => {
  it('matches whole words, ignoring case, including multi-word terms with any spacing', () => {
    expect(find('The DNACPR form')).toEqual(['DNACPR']);
    expect(find('dnacpr!')).toEqual(['dnacpr']);
    expect(find('Marked Do  Not\nResuscitate.')).toEqual(['Do  Not\nResuscitate']);
    expect(find('Ass.')).toEqual(['Ass']);
  });

  it('prefers the longest term and treats special characters literally', () => {
    expect(find('Her care plan review is due')).toEqual(['care plan review']);
    expect(find('we teach C++ here and cxx there')).toEqual(['C++']);
  });

  it('does not match inside longer words', () => {
    expect(find('A class act, an assessment, DNACPRs, careplan')).toEqual([]);
  });

  it('blocks with offsets; an empty list finds nothing', () => {
    expect(rule.check({ platform: 'linkedin', text: 'x ass', media: [] })).toEqual([
      { rule: 'PROHIBITED_TERM', severity: 'block', message: expect.stringContaining('must not be published'), start: 2, end: 5 },
    ]);
    expect(new ProhibitedTermRule([]).find('anything at all')).toEqual([]);
  });
});
