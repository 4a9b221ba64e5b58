import { contentRules } from './content-checker';
import { prepare } from './content-rule';
import { ContentUnderCheck } from './finding';
import { ADVERSARIAL, realisticPost, SAMPLE_CLOCK, SAMPLE_LISTS } from './testing/sample-texts';

// Issue 12: no rule may take time that grows faster than the text. Each rule is timed on n and 4n characters
// of each hostile shape; linear work grows about 4 times, quadratic 16 times. The bound is generous (noise on a
// shared machine), the figures themselves are in bench/content-checks.ts.
const N = 12_000;
const BOUND = 10;
const rules = contentRules(SAMPLE_LISTS.current(), SAMPLE_CLOCK);
const post = (text: string): ContentUnderCheck => ({
  platform: 'facebook',
  text,
  title: text.slice(0, 200),
  media: [{ mimeType: 'image/jpeg', altText: text.slice(0, 500), depicts: { staffIds: [], serviceUsers: false, public: false }, rights: 'own' }],
});

/**
 * The best of a few runs of `times` calls, in CPU milliseconds per call: CPU time, not wall time, so that the
 * process being descheduled on a busy machine does not count, and the best run, least disturbed by the collector.
 */
function fastest(work: () => void, times = 1): number {
  let best = Infinity;
  for (let run = 0; run < 5; run += 1) {
    const started = process.cpuUsage();
    for (let call = 0; call < times; call += 1) work();
    const spent = process.cpuUsage(started);
    best = Math.min(best, (spent.user + spent.system) / 1000 / times);
  }
  return best;
}

// Below this a large text was checked too fast for its ratio to mean anything (timer and collector noise).
const NOISE_MS = 1;

describe('every content rule is linear in the text', () => {
  const shapes = { ...ADVERSARIAL, 'realistic post': realisticPost };
  describe.each(Object.entries(shapes))('%s', (_shape, make) => {
    it.each(rules.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
      const small = post(make(N));
      const large = post(make(4 * N));
      // Normalising is part of every check's cost, so it is timed too.
      const time = (content: ContentUnderCheck, times: number) => fastest(() => rule.check(content, prepare(content)), times);
      // Interleaved, so that whatever else the machine does falls on both sizes alike.
      time(small, 4);
      let smallMs = Infinity;
      let largeMs = Infinity;
      for (let round = 0; round < 2; round += 1) {
        smallMs = Math.min(smallMs, time(small, 4));
        largeMs = Math.min(largeMs, time(large, 1));
      }
      const ratio = largeMs < NOISE_MS ? 1 : largeMs / smallMs;
      expect(ratio).toBeLessThan(BOUND);
    });
  });
});
