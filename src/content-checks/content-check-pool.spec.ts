import { RateLimitedError } from '../common/errors/generic-errors';
import { ContentCheckPool } from './content-check-pool';
import { ContentChecker } from './content-checker';
import { FixedContentRuleLists } from './content-rule-lists';
import { ContentUnderCheck } from './finding';
import { ADVERSARIAL, realisticPost, SAMPLE_CLOCK, SAMPLE_LISTS } from './testing/sample-texts';

const post = (text: string): ContentUnderCheck => ({ platform: 'facebook', text, media: [] });

describe('ContentCheckPool', () => {
  let pool: ContentCheckPool;
  beforeEach(() => (pool = new ContentCheckPool(1, 8)));
  afterEach(() => pool.close());

  it('finds in a worker thread what the checker finds on this one', async () => {
    const checker = new ContentChecker(SAMPLE_LISTS, SAMPLE_CLOCK);
    const texts = [realisticPost(20_000), ADVERSARIAL['many dates'](20_000), ADVERSARIAL['many links and emails'](20_000), 'Ada Sample, DOB 01/02/1950, DNACPR'];
    for (const text of texts) {
      const findings = await pool.check(post(text), SAMPLE_LISTS.current(), SAMPLE_CLOCK.now());
      expect(findings.length).toBeGreaterThan(0);
      expect(findings).toEqual(checker.check(post(text)));
    }
  });

  it('checks with the lists and the time it is given', async () => {
    const text = 'Our DNACPR policy, from 01/02/2015.';
    const withTerm = SAMPLE_LISTS.current();
    const without = new FixedContentRuleLists({ ...withTerm, prohibitedTerms: [] }).current();
    const rules = async (lists: typeof withTerm, now: string) => (await pool.check(post(text), lists, new Date(now))).map((finding) => finding.rule);
    expect(await rules(withTerm, '2026-11-23T09:00:00Z')).toEqual(['PROHIBITED_TERM']);
    expect(await rules(without, '2026-11-23T09:00:00Z')).toEqual([]);
    // Sixteen years on, the date reads as someone's birth date.
    expect(await rules(without, '2031-03-01T09:00:00Z')).toEqual(['DATE_OF_BIRTH']);
    expect(await rules(withTerm, '2026-11-23T09:00:00Z')).toEqual(['PROHIBITED_TERM']);
  });

  it('refuses a check beyond the bound of waiting checks, and answers the rest', async () => {
    const text = realisticPost(20_000);
    const lists = SAMPLE_LISTS.current();
    // One check runs at once, eight wait; the tenth finds the queue full.
    const accepted = Array.from({ length: 9 }, () => pool.check(post(text), lists, SAMPLE_CLOCK.now()));
    await expect(pool.check(post(text), lists, SAMPLE_CLOCK.now())).rejects.toBeInstanceOf(RateLimitedError);
    expect((await Promise.all(accepted)).every((findings) => Array.isArray(findings))).toBe(true);
  });

  it('refuses checks once closed', async () => {
    await pool.close();
    await expect(pool.check(post('hello'), SAMPLE_LISTS.current(), SAMPLE_CLOCK.now())).rejects.toThrow('closed');
  });
});
