import { RateLimitedError } from '../common/errors/generic-errors';
import { ContentCheckPool } from './content-check-pool';
import { ContentChecker } from './content-checker';
import { FixedContentRuleLists } from './content-rule-lists';
import { ContentUnderCheck } from './finding';
import { ADVERSARIAL, realisticPost, SAMPLE_CLOCK, SAMPLE_LISTS } from './testing/sample-texts';

const LONG = 63_206;
const post = (text: string): ContentUnderCheck => ({ platform: 'facebook', text, media: [] });

describe('ContentCheckPool', () => {
  let pool: ContentCheckPool;
  beforeEach(() => (pool = new ContentCheckPool(1, 8, 10_000)));
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

  it('fails a check that overruns its time limit, and gives the next one a fresh worker', async () => {
    const lists = SAMPLE_LISTS.current();
    const hurried = new ContentCheckPool(1, 8, 1);
    try {
      // Starting a worker alone takes longer than a millisecond. Had the first worker stayed busy, the second
      // check would wait for it for ever: each one gets its own worker and its own time limit.
      for (let check = 0; check < 2; check += 1) {
        await expect(hurried.check(post(ADVERSARIAL['many dates'](LONG)), lists, SAMPLE_CLOCK.now())).rejects.toThrow('took longer than 1 ms');
      }
    } finally {
      await hurried.close();
    }
  });

  it('refuses checks once closed', async () => {
    await pool.close();
    await expect(pool.check(post('hello'), SAMPLE_LISTS.current(), SAMPLE_CLOCK.now())).rejects.toThrow('closed');
  });
});
