import { ContentUnderCheck } from '../finding';
import { PlatformLimitRule } from './platform-limit.rule';

const rule = new PlatformLimitRule();
const image = { mimeType: 'image/jpeg', depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' as const };
const video = { ...image, mimeType: 'video/mp4' };
const post = (fields: Partial<ContentUnderCheck>): ContentUnderCheck => ({ platform: 'facebook', text: '', media: [], ...fields });
const messages = (fields: Partial<ContentUnderCheck>) => rule.check(post(fields)).map((finding) => finding.message);

describe('PLATFORM_LIMIT', () => {
  it.each([
    ['facebook', 63_206],
    ['linkedin', 3_000],
  ] as const)('%s: %i characters pass, one more blocks, pointing at the overflow', (platform, limit) => {
    expect(rule.check(post({ platform, text: 'a'.repeat(limit) }))).toEqual([]);
    expect(rule.check(post({ platform, text: 'a'.repeat(limit + 1) }))).toEqual([
      { rule: 'PLATFORM_LIMIT', severity: 'block', message: expect.stringContaining(`at most ${limit.toLocaleString('en-GB')} characters`), start: limit, end: limit + 1 },
    ]);
  });

  it('counts characters, not UTF-16 units: an emoji is one character', () => {
    expect(rule.check(post({ platform: 'linkedin', text: '😀'.repeat(3_000) }))).toEqual([]);
    expect(rule.check(post({ platform: 'linkedin', text: '😀'.repeat(3_001) }))).toEqual([expect.objectContaining({ start: 6_000, end: 6_002 })]);
  });

  describe('instagram', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@user.${i}`).join(' ');

    it('allows a 2,200 character caption with an image, 30 hashtags and 20 mentions', () => {
      expect(messages({ platform: 'instagram', text: 'a'.repeat(2_200), media: [image] })).toEqual([]);
      expect(messages({ platform: 'instagram', text: `${tags(30)} ${mentions(20)} mail me at a@b.org #1`, media: [video] })).toEqual([]);
    });

    it('blocks a 2,201 character caption, the 31st hashtag and the 21st mention', () => {
      expect(messages({ platform: 'instagram', text: 'a'.repeat(2_201), media: [image] })).toEqual([expect.stringContaining('at most 2,200 characters')]);
      const text = `${tags(31)} ${mentions(21)}`;
      const findings = rule.check(post({ platform: 'instagram', text, media: [image] }));
      expect(findings.map((f) => [f.message, text.slice(f.start, f.end)])).toEqual([
        [expect.stringContaining('at most 30 hashtags'), '#tag30'],
        [expect.stringContaining('at most 20 mentions'), '@user.20'],
      ]);
    });

    it('needs at least one image or video', () => {
      expect(messages({ platform: 'instagram', text: 'Hello' })).toEqual([expect.stringContaining('needs at least one image or video')]);
      expect(messages({ platform: 'instagram', text: 'Hello', media: [{ ...image, mimeType: 'application/pdf' }] })).toEqual([
        expect.stringContaining('needs at least one image or video'),
      ]);
    });
  });

  describe('youtube', () => {
    it('needs a video and a title', () => {
      expect(messages({ platform: 'youtube', text: 'About us', media: [image] })).toEqual([
        expect.stringContaining('needs a video'),
        expect.stringContaining('needs a title'),
      ]);
      expect(messages({ platform: 'youtube', text: 'About us', title: '   ', media: [video] })).toEqual([expect.stringContaining('needs a title')]);
    });

    it('allows a 100 character title and blocks 101, or < and >', () => {
      expect(messages({ platform: 'youtube', text: '', title: 'é'.repeat(100), media: [video] })).toEqual([]);
      expect(messages({ platform: 'youtube', text: '', title: 'é'.repeat(101), media: [video] })).toEqual([expect.stringMatching(/^The title is 101 characters/)]);
      expect(messages({ platform: 'youtube', text: '', title: 'Fun <b>day</b>', media: [video] })).toEqual([expect.stringContaining('The title contains < or >')]);
    });

    it('allows a 5,000 byte description and blocks 5,001 bytes, counting UTF-8 bytes', () => {
      expect(messages({ platform: 'youtube', text: 'a'.repeat(5_000), title: 'Fair', media: [video] })).toEqual([]);
      expect(messages({ platform: 'youtube', text: 'é'.repeat(2_500), title: 'Fair', media: [video] })).toEqual([]);
      const text = `${'é'.repeat(2_500)}a`;
      expect(rule.check(post({ platform: 'youtube', text, title: 'Fair', media: [video] }))).toEqual([
        expect.objectContaining({ message: expect.stringContaining('5001 bytes'), start: 2_500, end: 2_501 }),
      ]);
    });

    it('blocks < and > in the description, pointing at each', () => {
      const findings = rule.check(post({ platform: 'youtube', text: 'a < b > c', title: 'Fair', media: [video] }));
      expect(findings.map((f) => [f.start, f.end])).toEqual([
        [2, 3],
        [6, 7],
      ]);
    });
  });

  it('does not apply YouTube or Instagram rules to other platforms', () => {
    expect(messages({ platform: 'facebook', text: `<b> ${'#x '.repeat(40)}`, title: 'x'.repeat(200) })).toEqual([]);
  });
});
