import { PostcodeRule } from './postcode.rule';

const rule = new PostcodeRule();
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('POSTCODE', () => {
  it.each([['SW1A 1AA'], ['M1 1AE'], ['B33 8TH'], ['CR2 6XH'], ['DN55 1PT'], ['W1A 0AX'], ['EC1A 1BB'], ['SW1A1AA'], ['sw1a 1aa']])('finds %s', (postcode) => {
    expect(find(`She lives at 3 High St, ${postcode}, now`)).toEqual([postcode]);
  });

  it('leaves product codes and prose alone', () => {
    // Q, V, X never start a postcode; C, I, K, M, O, V never end one.
    expect(find('Order code XK2 5AB, serial A12 3CV, model QA1 1AA')).toEqual([]);
    expect(find('Meet on level B1 2nd floor')).toEqual([]);
    expect(find('Part ABSW1A 1AA7 and m11ae')).toEqual([]);
  });

  it('warns with offsets', () => {
    expect(rule.check({ platform: 'linkedin', text: 'At M1 1AE', media: [] })).toEqual([
      { rule: 'POSTCODE', severity: 'warn', message: expect.stringContaining('postcode'), start: 3, end: 9 },
    ]);
  });
});
