import { longestStall } from './event-loop-probe';

const busyFor = (ms: number): void => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Holds the thread, as a slow check would.
  }
};

describe('the event-loop probe', () => {
  it('sees work that holds the thread', async () => {
    expect(await longestStall(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      busyFor(80);
    })).toBeGreaterThanOrEqual(70);
  });

  it('does not count waiting that leaves the thread free', async () => {
    expect(await longestStall(() => new Promise((resolve) => setTimeout(resolve, 80)))).toBeLessThan(40);
  });
});
