import { Clock } from '../common/clock';
import { ContentChecker } from './content-checker';
import { FixedContentRuleLists } from './content-rule-lists';
import { RuleName } from './finding';
import { protectedNameEntry } from './protected-name-hashing';

// Issue 10: a common spelling must not defeat a check. Each rule is tried with many ways of writing the same
// thing; each variant must be found, pointing at the span of the text as written.
const salt = 'a-salt-for-the-variant-tests';
const names = ['Ada Sample', 'Jo McDonald', 'Zoë O’Brien'].map((name) => protectedNameEntry(salt, name)!);
const checker = new ContentChecker(
  new FixedContentRuleLists({
    prohibitedTerms: ['do not resuscitate', 'DNACPR', 'care plan'],
    protectedNames: { salt, hashes: new Set(names.flatMap((entry) => entry.hashes)), filters: new Set(names.flatMap((entry) => entry.filters)) },
    orgDomains: ['riverside.example'],
  }),
  { now: () => new Date('2026-11-23T09:00:00Z') } as Clock,
);

/** The spans of `text` the rule points at. */
const found = (rule: RuleName, text: string) =>
  checker
    .check({ platform: 'facebook', text, media: [] })
    .filter((finding) => finding.rule === rule)
    .map((finding) => text.slice(finding.start, finding.end));

const ZWSP = '\u200B';
const ZWJ = '\u200D';
const SOFT_HYPHEN = '\u00AD';
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('content checks against spellings that used to get through', () => {
  it.each([
    ['#AdaSample', 'AdaSample'],
    ['@AdaSample', 'AdaSample'],
    ['@ada_sample', 'ada_sample'],
    ['#ada #sample', 'ada #sample'],
    ['Ada.Sample', 'Ada.Sample'],
    ['ADA SAMPLE', 'ADA SAMPLE'],
    ['Sample, Ada', 'Sample, Ada'],
    [`A${ZWSP}da Sample`, `A${ZWSP}da Sample`],
    [`Ada S${SOFT_HYPHEN}ample`, `Ada S${SOFT_HYPHEN}ample`],
    [`Ada${ZWJ} Sample`, `Ada${ZWJ} Sample`],
    [fullWidth('Ada Sample'), fullWidth('Ada Sample')],
    ['\u0410da Sample', '\u0410da Sample'], // Cyrillic А
    ['Ada S\u0430mple', 'Ada S\u0430mple'], // Cyrillic а
    ['\u0391da Sample', '\u0391da Sample'], // Greek Α
    ['Ada Samp\u04cfe', 'Ada Samp\u04cfe'], // Cyrillic palochka for l
    ['A\u0301da Sa\u0308mple', 'A\u0301da Sa\u0308mple'], // combining accents
    ['Ada\u00a0Sample', 'Ada\u00a0Sample'],
    ['Jo McDonald', 'Jo McDonald'],
    ['#JoMcdonald', 'JoMcdonald'],
    ['Zoe OBrien', 'Zoe OBrien'],
    ['ZOË O’BRIEN', 'ZOË O’BRIEN'],
  ])('PROTECTED_NAME finds %j (pointing at the name, not the # or @)', (written, span) => {
    expect(found('PROTECTED_NAME', `Lovely afternoon with ${written} today`)).toEqual([span]);
  });

  it('PROTECTED_NAME still leaves other words alone', () => {
    expect(found('PROTECTED_NAME', 'Ada Lovelace day, a Sample of cake, #Adaptable samples, Jo Mc. Donald')).toEqual([]);
  });

  it.each([
    '943 476 5919',
    '9434765919',
    '943-476-5919',
    '943.476.5919',
    '943/476/5919',
    '943 - 476 - 5919',
    `943${ZWSP}476${ZWSP}5919`,
    fullWidth('9434765919'),
    fullWidth('943-476-5919'),
    '943\u2013476\u20135919', // en dashes
    '943\u2009476\u20095919', // thin spaces
    '\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669', // Arabic-Indic digits
  ])('NHS_NUMBER finds %j', (written) => {
    expect(found('NHS_NUMBER', `NHS no ${written} thanks`)).toEqual([written]);
  });

  it('NHS_NUMBER still leaves longer numbers, decimals and failing check digits alone', () => {
    expect(found('NHS_NUMBER', 'Ref 1.943.476.5919, 943.476.59190, 943/476/5918 and 2026/943/476/5919')).toEqual([]);
  });

  it.each([
    ['do not resuscitate', 'do not resuscitate'],
    ['do-not-resuscitate', 'do-not-resuscitate'],
    ['Do_Not_Resuscitate', 'Do_Not_Resuscitate'],
    ['#DoNotResuscitate', 'DoNotResuscitate'],
    ['do.not.resuscitate', 'do.not.resuscitate'],
    ['do\u2011not\u2011resuscitate', 'do\u2011not\u2011resuscitate'],
    [`do not resus${ZWSP}citate`, `do not resus${ZWSP}citate`],
    [fullWidth('DNACPR'), fullWidth('DNACPR')],
    ['DN\u0410CPR', 'DN\u0410CPR'],
    [`D${SOFT_HYPHEN}NACPR`, `D${SOFT_HYPHEN}NACPR`],
    ['#CarePlan', 'CarePlan'],
    ['cáre plan', 'cáre plan'],
  ])('PROHIBITED_TERM finds %j', (written, span) => {
    expect(found('PROHIBITED_TERM', `Her ${written} form`)).toEqual([span]);
  });

  it('PROHIBITED_TERM still leaves longer words alone', () => {
    expect(found('PROHIBITED_TERM', 'DNACPRs, careplanning, do not resuscitated')).toEqual([]);
  });

  it.each([
    ['born 01/02/1950', '01/02/1950'],
    [`born 01/02/19${ZWSP}50`, `01/02/19${ZWSP}50`],
    [`born ${fullWidth('01/02/1950')}`, fullWidth('01/02/1950')],
    ['born 1 Febru\u0430ry 1950', '1 Febru\u0430ry 1950'],
  ])('DATE_OF_BIRTH finds %j', (written, span) => {
    expect(found('DATE_OF_BIRTH', `She was ${written}.`)).toEqual([span]);
  });

  it.each([
    [`a${ZWSP}@b.org`, `a${ZWSP}@b.org`],
    [fullWidth('jane@example.org'), fullWidth('jane@example.org')],
    ['jane\uFF20example.org', 'jane\uFF20example.org'],
  ])('EMAIL_ADDRESS finds %j', (written, span) => {
    expect(found('EMAIL_ADDRESS', `Write to ${written} soon`)).toEqual([span]);
  });

  it.each([fullWidth('07700 900123'), `07700${ZWSP}900123`, '07700\u2009900123'])('PHONE_NUMBER finds %j', (written) => {
    expect(found('PHONE_NUMBER', `Ring ${written} today`)).toEqual([written]);
  });

  it.each([fullWidth('SW1A 1AA'), `SW1A${ZWSP} 1AA`, 'SW1\u0410 1AA'])('POSTCODE finds %j', (written) => {
    expect(found('POSTCODE', `At ${written} now`)).toEqual([written]);
  });

  it('LINK_DOMAIN reads the host as written: a look-alike of the organisation is not the organisation', () => {
    expect(found('LINK_DOMAIN', 'See https://riverside.example/fair today')).toEqual([]);
    expect(found('LINK_DOMAIN', 'See https://rivers\u0456de.example/fair today')).toEqual(['https://rivers\u0456de.example/fair']);
    // A zero-width space in a host is dropped by browsers (IDNA), so this one does lead to the organisation.
    expect(found('LINK_DOMAIN', `See https://river${ZWSP}side.example/fair today`)).toEqual([]);
    expect(found('LINK_DOMAIN', 'See ｈｔｔｐｓ://ｅｌｓｅｗｈｅｒｅ.ｎｅｔ today')).toEqual(['ｈｔｔｐｓ://ｅｌｓｅｗｈｅｒｅ.ｎｅｔ']);
  });
});
