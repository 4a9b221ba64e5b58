import { DateOfBirthRule } from './date-of-birth.rule';

// The rule's "today": 23 November 2026.
const rule = new DateOfBirthRule(() => new Date('2026-11-23T09:00:00Z'));
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('DATE_OF_BIRTH', () => {
  it.each([
    ['Born 01/02/1950 in Leeds', '01/02/1950'],
    ['DOB: 1.2.50', '1.2.50'],
    ['D.O.B. 01-02-1950', '01-02-1950'],
    ['Her date of birth is 1 February 1950.', '1 February 1950'],
    ['born on the 1st Feb 1950', '1st Feb 1950'],
    ['Birthday: 1950-02-01', '1950-02-01'],
    ['born February 1st, 1950', 'February 1st, 1950'],
    ['She was born 3 March 2019', '3 March 2019'],
    ['12/03/1950 (DOB)', '12/03/1950'],
  ])('finds a date with a birth word: %s', (text, date) => {
    expect(find(text)).toEqual([date]);
  });

  it('finds a full date at least 16 years ago even without a birth word', () => {
    expect(find('Doris, 14 July 1932, loves the garden')).toEqual(['14 July 1932']);
    expect(find('Mabel: 23/11/2010')).toEqual(['23/11/2010']);
  });

  it('passes event dates: future ones, recent ones, and history', () => {
    expect(find('Join us on 12 March 2027 for the summer fair')).toEqual([]);
    expect(find('Join us on 12/03/2027; tickets from 1 Dec 2026')).toEqual([]);
    expect(find('On 3 May 2019 we won an award')).toEqual([]);
    expect(find('Just under sixteen years: 24/11/2010')).toEqual([]);
    expect(find('The home opened on 4 May 1998 and celebrates its anniversary')).toEqual([]);
    expect(find('Founded 1 June 1985')).toEqual([]);
    expect(find('Congratulations to Sue, who joined us on 3 May 2005!')).toEqual([]);
  });

  it('passes a birthday party in the future, and a birth word in another sentence', () => {
    expect(find("Come to the Queen's birthday tea on 12 June 2027")).toEqual([]);
    expect(find('Happy birthday Doris! We went to the seaside on 3 June 2025.')).toEqual([]);
  });

  it('needs a birth word for a two-digit year, which may be a version number', () => {
    expect(find('Update to version 1.2.50 now')).toEqual([]);
    expect(find('Use release 2.3.10')).toEqual([]);
  });

  it('ignores impossible dates and dates without a year', () => {
    expect(find('born 31/02/1950')).toEqual([]);
    expect(find('born 13/13/1950')).toEqual([]);
    expect(find('born on 3 May')).toEqual([]);
  });

  it('blocks with offsets', () => {
    expect(rule.check({ platform: 'facebook', text: 'DOB 01/02/1950', media: [] })).toEqual([
      { rule: 'DATE_OF_BIRTH', severity: 'block', message: expect.stringContaining('date of birth'), start: 4, end: 14 },
    ]);
  });
});
