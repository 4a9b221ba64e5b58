import { longestStall } from './event-loop-probe';

/** Holds the thread for `ms` of CPU time, as a slow check would (wall time may be longer on a busy machine). */
const busyFor = (ms: number): void => {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
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
