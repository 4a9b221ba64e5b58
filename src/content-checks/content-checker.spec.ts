import { Clock } from '../common/clock';
import { ContentChecker } from './content-checker';
import { FixedContentRuleLists } from './content-rule-lists';
import { blocks, ContentUnderCheck } from './finding';
import { hashKey } from './protected-name-hashing';

const salt = 'salt-for-the-checker-test';
const lists = new FixedContentRuleLists({ prohibitedTerms: ['DNACPR'], protectedNames: { salt, hashes: new Set([hashKey(salt, 'jane doe')]) }, orgDomains: ['riverside.example'] });
const clock = { now: () => new Date('2026-11-23T09:00:00Z') } as Clock;
const checker = new ContentChecker(lists, clock);
const post = (fields: Partial<ContentUnderCheck>): ContentUnderCheck => ({ platform: 'facebook', text: '', media: [], ...fields });

describe('ContentChecker', () => {
  it('finds nothing in an ordinary news post', () => {
    const findings = checker.check(post({ text: 'Join us on 12 March 2027 for our summer fair! Details at https://www.riverside.example/fair #community' }));
    expect(findings).toEqual([]);
    expect(blocks(findings)).toBe(false);
  });

  it('runs every rule, blocking findings first, then in text order', () => {
    const text = 'Call 07700 900123 about Jane Doe (NHS 943 476 5919, DOB 01/02/1950), DNACPR, at M1 1AE or a@b.org https://elsewhere.net';
    const findings = checker.check(
      post({
        platform: 'instagram',
        text,
        media: [{ mimeType: 'application/pdf', depicts: { staffIds: [], serviceUsers: true, public: false }, rights: null }],
      }),
    );
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.start === undefined ? null : text.slice(finding.start, finding.end)])).toEqual([
      ['PLATFORM_LIMIT', 'block', null],
      ['SERVICE_USER_IMAGE', 'block', null],
      ['RIGHTS_UNDECLARED', 'block', null],
      ['PROTECTED_NAME', 'block', 'Jane Doe'],
      ['NHS_NUMBER', 'block', '943 476 5919'],
      ['DATE_OF_BIRTH', 'block', '01/02/1950'],
      ['PROHIBITED_TERM', 'block', 'DNACPR'],
      ['PHONE_NUMBER', 'warn', '07700 900123'],
      ['POSTCODE', 'warn', 'M1 1AE'],
      ['EMAIL_ADDRESS', 'warn', 'a@b.org'],
      ['LINK_DOMAIN', 'warn', 'https://elsewhere.net'],
    ]);
    expect(blocks(findings)).toBe(true);
  });

  it('only warns for warnings', () => {
    expect(blocks(checker.check(post({ text: 'Email info@riverside.example or call 020 7946 0000' })))).toBe(false);
  });
});
