import { EmailAddressRule } from './email-address.rule';

const rule = new EmailAddressRule();
const find = (text: string) => rule.find(text).map((hit) => text.slice(hit.start, hit.end));

describe('EMAIL_ADDRESS', () => {
  it('warns about email addresses, pointing at them', () => {
    expect(find('Write to jane.doe+news@example.co.uk or mailto:info@riverside.example.')).toEqual(['jane.doe+news@example.co.uk', 'info@riverside.example']);
    expect(rule.find('x a@b.org')).toEqual([{ start: 2, end: 9, message: expect.stringContaining('email address') }]);
    expect(rule.severity).toBe('warn');
  });

  it('ignores email-like text inside a web address', () => {
    expect(find('See https://example.org/a@b and https://example.org/people/jane@example.org today')).toEqual([]);
    expect(find('www.example.org/~x@y.com')).toEqual([]);
  });

  it('ignores @mentions and things without a domain', () => {
    expect(find('Thanks @riverside_care and user@localhost')).toEqual([]);
  });
});

describe('EMAIL_ADDRESS on hostile input', () => {
  it('stays fast on long runs of letters and dots', () => {
    const started = Date.now();
    new EmailAddressRule().find(`${'a'.repeat(60_000)}@${'b'.repeat(3000)}`);
    new EmailAddressRule().find(`x@${'b.'.repeat(30_000)}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
