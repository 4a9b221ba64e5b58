import { PhoneNumberRule } from './phone-number.rule';

const rule = new PhoneNumberRule();
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('PHONE_NUMBER', () => {
  it.each([
    ['01632 960 123'],
    ['020 7946 0000'],
    ['07700 900123'],
    ['07700900123'],
    ['0113 496 0000'],
    ['(020) 7946 0000'],
    ['+44 7700 900123'],
    ['+44 (0)20 7946 0000'],
    ['+447700900123'],
    ['0044 20 7946 0000'],
  ])('finds the UK number %s', (number) => {
    expect(find(`Call ${number} today`)).toEqual([number]);
  });

  it('finds several numbers and stops at the end of each', () => {
    expect(find('Ring 020 7946 0000 - 07700 900123, or in room 12 0113 496 0000 2 people')).toEqual(['020 7946 0000', '07700 900123', '0113 496 0000']);
  });

  it('leaves other countries’ numbers and other numbers alone', () => {
    expect(find('US office +1 415 555 0100, Paris +33 1 23 45 67 89, Berlin +49 030 12345678')).toEqual([]);
    expect(find('Raised 12 000 pounds; order 0123; code 0412 345 678; 012345678901')).toEqual([]);
    expect(find('On 01/02/2027 at 10.30')).toEqual([]);
  });

  it('warns', () => {
    expect(rule.check({ platform: 'facebook', text: '07700 900123', media: [] })).toEqual([
      { rule: 'PHONE_NUMBER', severity: 'warn', message: expect.stringContaining('phone number'), start: 0, end: 12 },
    ]);
  });
});

describe('PHONE_NUMBER on hostile input', () => {
  it('stays fast on a long run of spaced digits, and finds no number in it', () => {
    const started = Date.now();
    expect(new PhoneNumberRule().find('1 '.repeat(30_000))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not cut a digit group in two where a widely spaced number is longer than a phone number can be written', () => {
    // 24 characters reach into the middle of "00000": the number runs on, so it is not a phone number.
    expect(new PhoneNumberRule().find('+44 (0) 20 -- 7946 -- 000000')).toEqual([]);
    expect(new PhoneNumberRule().find('+44 (0) 20 - 7946 - 0000')).toEqual([{ start: 0, end: 24, message: expect.any(String) }]);
  });
});
