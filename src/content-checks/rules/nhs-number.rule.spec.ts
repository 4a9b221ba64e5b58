import { ContentUnderCheck } from '../finding';
import { isValidNhsNumber, NhsNumberRule } from './nhs-number.rule';

const rule = new NhsNumberRule();
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('NHS_NUMBER', () => {
  it('knows the modulus 11 check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    // Check digit would be 10: never a valid NHS number.
    expect(isValidNhsNumber('0000000060')).toBe(false);
  });

  it('finds a valid number unspaced, spaced 3-3-4 and with dashes', () => {
    expect(find('NHS no 9434765919.')).toEqual(['9434765919']);
    expect(find('Her number is 943 476 5919, thanks')).toEqual(['943 476 5919']);
    expect(find('(943-476-5919)')).toEqual(['943-476-5919']);
  });

  it('does not flag ten digits failing the check, nor digits inside a longer number or decimal', () => {
    expect(find('Order 9434765918 shipped')).toEqual([]);
    expect(find('Ref 19434765919 and 94347659190')).toEqual([]);
    expect(find('Total 3.9434765919 and 9434765919.5')).toEqual([]);
  });

  it('points at the number in the text, and reports the title without offsets', () => {
    const content: ContentUnderCheck = { platform: 'youtube', text: 'See 943 476 5919', title: 'About 9434765919', media: [] };
    expect(rule.check(content)).toEqual([
      { rule: 'NHS_NUMBER', severity: 'block', message: expect.stringContaining('NHS number'), start: 4, end: 16 },
      { rule: 'NHS_NUMBER', severity: 'block', message: expect.stringMatching(/^In the title: /) },
    ]);
  });

  it('checks the alt text of media too', () => {
    const content: ContentUnderCheck = {
      platform: 'facebook',
      text: 'Our garden',
      media: [{ mimeType: 'image/jpeg', altText: 'Label reading 9434765919', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }],
    };
    expect(rule.check(content)).toEqual([{ rule: 'NHS_NUMBER', severity: 'block', message: expect.stringMatching(/^In the description \(alt text\) of media item 1: /) }]);
  });
});
