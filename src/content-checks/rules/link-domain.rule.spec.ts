import { ContentUnderCheck } from '../finding';
import { LinkDomainRule } from './link-domain.rule';

const rule = new LinkDomainRule(['example.org', 'Riverside-Care.example.co.uk']);
const post = (fields: Partial<ContentUnderCheck>): ContentUnderCheck => ({ platform: 'facebook', text: '', media: [], ...fields });
const flagged = (fields: Partial<ContentUnderCheck>) => rule.check(post(fields)).map((finding) => (finding.start === undefined ? finding.message : (fields.text ?? '').slice(finding.start, finding.end)));

describe('LINK_DOMAIN', () => {
  it('passes links to an organisation domain or any subdomain of one', () => {
    expect(flagged({ link: 'https://example.org/news', text: 'See https://events.example.org/fair, www.example.org and http://RIVERSIDE-care.example.co.uk.' })).toEqual([]);
  });

  it('warns about other hosts, including look-alikes, in the link and the text', () => {
    const text = 'Tickets at https://evilexample.org/x and https://example.org.evil.com/ or www.example.com/a).';
    expect(flagged({ text })).toEqual(['https://evilexample.org/x', 'https://example.org.evil.com/', 'www.example.com/a']);
    expect(flagged({ link: 'https://example.org@evil.com/login' })).toEqual([expect.stringContaining('The post’s link goes to evil.com')]);
  });

  it('warns and says so for a link in the title, without offsets', () => {
    expect(rule.check(post({ title: 'Watch https://elsewhere.net' }))).toEqual([
      { rule: 'LINK_DOMAIN', severity: 'warn', message: expect.stringMatching(/^In the title: a link to elsewhere\.net/) },
    ]);
  });

  it('with no organisation domains configured, every link warns', () => {
    expect(new LinkDomainRule([]).check(post({ text: 'https://example.org' }))).toEqual([
      { rule: 'LINK_DOMAIN', severity: 'warn', message: expect.stringContaining('example.org'), start: 0, end: 19 },
    ]);
  });

  it('keeps a closing bracket that belongs to the address', () => {
    const text = '(see https://en.wikipedia.org/wiki/Care_(disambiguation))';
    const [finding] = rule.check(post({ text }));
    expect(text.slice(finding.start, finding.end)).toBe('https://en.wikipedia.org/wiki/Care_(disambiguation)');
  });
});
